import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InternalError } from '../../../common/errors/serving.errors';
import { ownedBuffer } from '../../../inference/runtime/pool/pool-protocol';
import { WorkerScript } from '../../../inference/runtime/pool/thread-state';
import { errorOf, JsonJob, JsonJobResults } from './jobs';
import { JobReply, JobRequest } from './thread-protocol';

/**
 * JSON bodies from this size up are decoded on the JSON thread. Parsing and decoding JSON costs
 * about 0.1 s per MB of tiny rows on the event loop, during which no other request moves and the
 * liveness probe waits; below this size that is a millisecond or two, not worth a round trip to
 * the thread and back.
 */
export const OFF_LOOP_JSON_BYTES = 256 * 1024;

/** Under ts-jest and ts-node the worker is TypeScript and needs the same loader; built code is plain JS. */
export const JSON_THREAD_WORKER: WorkerScript = {
  file: join(__dirname, `json-thread.worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`),
  execArgv: __filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [],
};

interface Pending {
  resolve(result: JsonJobResults[JsonJob['kind']]): void;
  reject(e: Error): void;
}

/**
 * One thread, started with the first job, that parses and decodes large JSON bodies off the event
 * loop; typed tensors come back moved, not copied. Jobs run one at a time in arrival order; how
 * many bodies can wait is bounded by the body budget (MAX_INFLIGHT_BODY_BYTES), which admitted
 * them. If the thread dies (its heap ran out on a hostile body, say), the jobs it held fail with
 * InternalError, the process carries on, and the next job starts a new thread.
 */
@Injectable()
export class JsonThread implements OnApplicationShutdown {
  private readonly logger = new Logger(JsonThread.name);
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  /** Also the count of jobs sent so far. */
  private nextId = 0;
  /** The thread's script (a test may point it elsewhere). */
  protected readonly script: WorkerScript = JSON_THREAD_WORKER;

  /** Jobs sent to the thread so far, and those not yet answered (what /metrics reads). */
  get state(): { readonly sent: number; readonly pending: number } {
    return { sent: this.nextId, pending: this.pending.size };
  }

  /** Runs `job` on the thread. The body's bytes are moved when they own their buffer. */
  run<K extends JsonJob['kind']>(job: Extract<JsonJob, { kind: K }>): Promise<JsonJobResults[K]> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const message: JobRequest = { id, job };
    return new Promise<JsonJobResults[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      try {
        const owned = ownedBuffer(job.json);
        worker.postMessage(message, owned ? [owned] : []);
      } catch (e) {
        // Not sent (a buffer that cannot be moved, say): nothing will answer it.
        this.pending.delete(id);
        throw e;
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failPending('the server is shutting down');
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(this.script.file, { execArgv: [...this.script.execArgv] });
    // The HTTP server keeps the process alive; an idle JSON thread must not.
    worker.unref();
    worker.on('message', (reply: JobReply) => this.settle(reply));
    worker.on('error', (e) => this.stopped(worker, e.message));
    worker.on('exit', (code) => this.stopped(worker, `exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private settle(reply: JobReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.failure) pending.reject(errorOf(reply.failure));
    else pending.resolve(reply.result);
  }

  private stopped(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.pending.size === 0) return;
    this.logger.error(
      `the JSON thread stopped (${reason}) with ${this.pending.size} jobs; their requests fail, the next job starts a new thread`,
    );
    this.failPending('the server could not process the request; retry');
  }

  private failPending(message: string): void {
    const error = new InternalError(message);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
