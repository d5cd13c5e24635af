import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { InternalError } from '../../../common/errors/serving.errors';
import { Tensor } from '../../../common/tensor/tensor';
import { RunnerOptions, RuntimeTensorInfo } from '../model-runner';
import { monotonicNs, RunTrace } from '../run-trace';
import { FromWorker, ToWorker, transferables } from './worker-protocol';

type Pending = {
  resolve: (outputs: Tensor[]) => void;
  reject: (e: Error) => void;
  postedAt: number;
  trace?: RunTrace;
};

/** Under ts-jest and ts-node the worker is TypeScript and needs the same loader; built code is plain JS. */
const WORKER_FILE = join(__dirname, `session-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
const WORKER_ARGV = __filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [];

/**
 * One worker thread holding one session. Every run() settles: with the outputs, with the
 * runtime's error, or with InternalError if the thread dies; a dead thread is restarted
 * with the same model bytes so the model keeps serving.
 */
export class SessionThread {
  private worker!: Worker;
  private ready!: Promise<{ inputs: RuntimeTensorInfo[]; outputs: RuntimeTensorInfo[] }>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closing = false;

  constructor(
    private readonly model: Uint8Array,
    private readonly options: RunnerOptions,
    private readonly onRestart: (reason: string) => void,
  ) {
    this.start();
  }

  /** Resolves with the model's tensor metadata once the session is loaded; rejects if it cannot load. */
  loaded(): Promise<{ inputs: RuntimeTensorInfo[]; outputs: RuntimeTensorInfo[] }> {
    return this.ready;
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Runs the model; takes ownership of the inputs' buffers (they are transferred, then detached here). */
  async run(
    inputs: readonly Tensor[],
    outputNames: readonly string[],
    trace?: RunTrace,
  ): Promise<Tensor[]> {
    await this.ready;
    const id = this.nextId++;
    return new Promise<Tensor[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, postedAt: monotonicNs(), trace });
      const message: ToWorker = { type: 'run', id, inputs, outputNames };
      this.worker.postMessage(message, transferables(inputs));
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private start(): void {
    const worker = new Worker(WORKER_FILE, { execArgv: WORKER_ARGV });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.once('message', (m: FromWorker) => {
        if (m.type === 'loaded') resolve({ inputs: m.inputs, outputs: m.outputs });
        else
          reject(
            new Error(m.type === 'load-failed' ? m.message : `unexpected ${m.type} before load`),
          );
        worker.on('message', (msg: FromWorker) => this.settle(msg));
      });
      worker.once('error', reject);
    });
    // A failed load is reported through loaded(); this only keeps it from being unhandled here.
    this.ready.catch(() => undefined);
    worker.on('error', (e) => this.fail(`session worker failed: ${e.message}`));
    worker.on('exit', (code) => {
      if (this.closing) return;
      this.fail(`session worker exited with code ${code}`);
      this.onRestart(`exited with code ${code}`);
      this.start();
    });
    const load: ToWorker = { type: 'load', model: this.model, options: this.options };
    worker.postMessage(load);
  }

  private settle(message: FromWorker): void {
    if (message.type !== 'result' && message.type !== 'failed') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === 'failed') return pending.reject(new Error(message.message));
    const { trace, postedAt } = pending;
    if (trace) {
      // The hops between threads count as input (there) and output (back) time.
      const t = message.timing;
      trace.computeInputNs += t.receivedAt - postedAt + t.inputNs;
      trace.computeInferNs += t.inferNs;
      trace.computeOutputNs += t.outputNs + monotonicNs() - t.sentAt;
    }
    pending.resolve(message.outputs);
  }

  private fail(reason: string): void {
    for (const p of this.pending.values()) p.reject(new InternalError(reason));
    this.pending.clear();
  }
}
