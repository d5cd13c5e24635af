import * as grpc from '@grpc/grpc-js';
import { measureGrpc } from './grpc-load';
import { Payload, PayloadId } from './payloads';
import { Results } from './results';
import { Case, TARGET_LABELS } from './scenarios';
import { RunningServer } from './servers/child-server';
import { BenchSettings } from './settings';

/**
 * One gRPC case, as case-runner.ts runs an HTTP one: a single call whose answer is checked
 * against the reference (a server that refuses it gets the case marked, not measured), then the
 * load (grpc-load.ts). The server's `url` is `grpc://host:port`.
 */
export async function runGrpcCase(
  c: Case,
  server: RunningServer,
  payloads: Readonly<Record<PayloadId, Payload>>,
  results: Results,
  settings: BenchSettings,
): Promise<void> {
  const payload = payloads[c.payload];
  const target = new URL(server.url).host;
  const name = `${TARGET_LABELS[c.target]}, ${payload.label}, ${c.connections} conn.`;
  const reply = await callOnce(target, payload);
  const problem = payload.check({ status: reply.ok ? 200 : 500, headers: {}, body: reply.body });
  if (problem) {
    results.skip(c, `answer rejected — ${problem}`);
    console.log(`${name}: ${problem}`);
    return;
  }
  const m = await measureGrpc(target, payload, {
    connections: c.connections,
    durationS: settings.durationS,
    warmupS: settings.warmupS,
    threads: settings.grpcThreads,
  });
  results.add(c, m);
  console.log(
    `${name}: ${Math.round(m.reqPerSec)} req/s, p99 ${m.p99.toFixed(1)} ms, ` +
      `${m.errors} errors, ${m.non2xx} non-OK`,
  );
}

/** One call with the payload's bytes; the answer's bytes, or the status as text. */
function callOnce(target: string, payload: Payload): Promise<{ ok: boolean; body: Buffer }> {
  const client = new grpc.Client(target, grpc.credentials.createInsecure());
  const identity = (b: Buffer): Buffer => b;
  return new Promise((resolve) => {
    client.makeUnaryRequest(payload.path, identity, identity, payload.body, (e, answer) => {
      client.close();
      resolve(
        e
          ? { ok: false, body: Buffer.from(`${grpc.status[e.code]}: ${e.details}`) }
          : { ok: true, body: answer ?? Buffer.alloc(0) },
      );
    });
  });
}
