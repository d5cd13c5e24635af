import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerResult } from './grpc-load-worker';
import { Measurement } from './load';
import { Payload } from './payloads';
import { percentile } from './stats';

export interface GrpcLoadOptions {
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  /** Load-generating threads (BENCH_GRPC_THREADS; wrk runs with one). */
  readonly threads: number;
}

/**
 * The gRPC twin of wrk (load.ts): `connections` closed-loop callers, each on its own HTTP/2
 * connection, spread over worker threads running @grpc/grpc-js, sending the payload's serialized
 * ModelInferRequest. Figures are those wrk's Lua hook reports; a non-OK status counts as a
 * non-2xx answer. A JavaScript client costs more CPU per call than wrk, and shares the machine's
 * cores with the server: the gRPC figures are, if anything, understated.
 */
export async function measureGrpc(
  target: string,
  payload: Payload,
  o: GrpcLoadOptions,
): Promise<Measurement> {
  const threads = Math.max(1, Math.min(o.threads, o.connections));
  const shares = Array.from(
    { length: threads },
    (_, i) => Math.floor(o.connections / threads) + (i < o.connections % threads ? 1 : 0),
  );
  const results = await Promise.all(
    shares.map((callers) =>
      runWorker({
        target,
        path: payload.path,
        body: payload.body,
        callers,
        warmupMs: o.warmupS * 1000,
        durationMs: o.durationS * 1000,
      }),
    ),
  );
  const ok = results.reduce((n, r) => n + r.ok, 0);
  const elapsedS = Math.max(...results.map((r) => r.elapsedMs)) / 1000;
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const timeouts = results.reduce((n, r) => n + r.timeouts, 0);
  const reqPerSec = ok / elapsedS;
  return {
    reqPerSec,
    rowsPerSec: reqPerSec * payload.rows,
    p50: latencies.length ? percentile(latencies, 0.5) : NaN,
    p99: latencies.length ? percentile(latencies, 0.99) : NaN,
    errors: results.reduce((n, r) => n + r.transportErrors, 0) + timeouts,
    timeouts,
    non2xx: results.reduce((n, r) => n + r.failedStatus, 0),
  };
}

/** Runs grpc-load-worker.ts in a thread (through ts-node, as `npm run bench` runs the bench). */
function runWorker(job: WorkerJob): Promise<WorkerResult> {
  const file = join(__dirname, 'grpc-load-worker.ts');
  const boot = `require('ts-node').register({ transpileOnly: true }); require(${JSON.stringify(file)});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.once('message', (m: WorkerResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`gRPC load thread exited ${code}`));
    });
  });
}
