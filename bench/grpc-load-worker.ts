/**
 * One load-generating thread of the gRPC cases (grpc-load.ts): `callers` closed-loop callers,
 * each on a connection of its own (as wrk's connections), each sending the same serialized
 * ModelInferRequest again as soon as its answer arrives; a warm-up, then the measured window.
 * Answers are not decoded (the case runner checked one first), so the client spends its CPU on
 * the calls themselves.
 */
import * as grpc from '@grpc/grpc-js';
import { parentPort, workerData } from 'node:worker_threads';

export interface WorkerJob {
  readonly target: string;
  readonly path: string;
  readonly body: Uint8Array;
  readonly callers: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

/** What a thread measured: answers in the window, their latencies (ms), failures by kind. */
export interface WorkerResult {
  readonly ok: number;
  readonly transportErrors: number;
  readonly timeouts: number;
  readonly failedStatus: number;
  readonly elapsedMs: number;
  readonly latencies: number[];
}

const TRANSPORT = new Set([grpc.status.UNAVAILABLE, grpc.status.CANCELLED]);

function run(job: WorkerJob): void {
  const body = Buffer.from(job.body);
  const identity = (b: Buffer): Buffer => b;
  const result = {
    ok: 0,
    transportErrors: 0,
    timeouts: 0,
    failedStatus: 0,
    latencies: [] as number[],
  };
  let measuring = false;
  let stopped = false;
  let startedAt = 0;
  const clients = Array.from(
    { length: job.callers },
    () =>
      new grpc.Client(job.target, grpc.credentials.createInsecure(), {
        'grpc.use_local_subchannel_pool': 1,
        'grpc.max_receive_message_length': -1,
      }),
  );
  const loop = (client: grpc.Client): void => {
    if (stopped) return;
    const sent = performance.now();
    client.makeUnaryRequest(
      job.path,
      identity,
      identity,
      body,
      { deadline: Date.now() + 10_000 },
      (e) => {
        if (measuring) {
          if (!e) {
            result.ok++;
            result.latencies.push(performance.now() - sent);
          } else if (e.code === grpc.status.DEADLINE_EXCEEDED) result.timeouts++;
          else if (TRANSPORT.has(e.code)) result.transportErrors++;
          else result.failedStatus++;
        }
        loop(client);
      },
    );
  };
  clients.forEach(loop);
  setTimeout(() => {
    measuring = true;
    startedAt = performance.now();
    setTimeout(() => {
      measuring = false;
      stopped = true;
      parentPort?.postMessage({ ...result, elapsedMs: performance.now() - startedAt });
      clients.forEach((c) => c.close());
    }, job.durationMs);
  }, job.warmupMs);
}

run(workerData as WorkerJob);
