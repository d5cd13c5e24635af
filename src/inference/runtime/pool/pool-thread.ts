import { Worker } from 'node:worker_threads';
import { InternalError } from '../../../common/errors/serving.errors';
import { Tensor } from '../../../common/tensor/tensor';
import { RuntimeTensorInfo, SessionSettings } from '../model-runner';
import { monotonicNs, RunTrace } from '../run-trace';
import { FromPool, ToPool, transferables } from './pool-protocol';

/** The program a pool thread runs: pool-worker.ts in production, a fake in the pool's unit tests. */
export interface WorkerScript {
  readonly file: string;
  readonly execArgv: readonly string[];
  /** The thread's JS heap limit in MiB (Worker resourceLimits); undefined: Node's default. */
  readonly heapMb?: number;
}

/** A session's tensor metadata, as its thread reports it once loaded. */
export interface SessionMetadata {
  readonly inputs: RuntimeTensorInfo[];
  readonly outputs: RuntimeTensorInfo[];
}

interface PendingRun {
  readonly resolve: (outputs: Tensor[]) => void;
  readonly reject: (e: Error) => void;
  readonly postedAt: number;
  readonly trace?: RunTrace;
}

interface Hosted {
  readonly model: Uint8Array;
  readonly settings: SessionSettings;
  /** Set while the thread has not yet answered the load. */
  pending?: { resolve: (m: SessionMetadata) => void; reject: (e: Error) => void };
}

/**
 * The main thread's handle on one pool thread and the sessions it hosts. Instructions queued in
 * one turn of the event loop leave in one message (a microtask flushes them). Every promise
 * settles: a run with its outputs, the runtime's error, or InternalError if the thread dies. A
 * dead thread is started again and reloads every session it hosted, so its models keep serving;
 * a session whose load was under way when the thread died is not retried (it may be the cause).
 */
export class PoolThread {
  private worker!: Worker;
  private outbox: ToPool[] = [];
  private transfer: ArrayBuffer[] = [];
  private readonly runs = new Map<number, PendingRun>();
  private readonly hosted = new Map<number, Hosted>();
  private nextRun = 0;
  private closing = false;

  constructor(
    readonly index: number,
    private readonly script: WorkerScript,
    private readonly onRestart: (thread: number, reason: string, sessions: number) => void,
  ) {
    this.start();
  }

  /** Runs sent and not yet answered: how busy the thread is. */
  get inFlight(): number {
    return this.runs.size;
  }

  /** Sessions this thread hosts. */
  get sessions(): number {
    return this.hosted.size;
  }

  /** Creates session `session` on this thread; resolves with its metadata, rejects with the load error. */
  load(session: number, model: Uint8Array, settings: SessionSettings): Promise<SessionMetadata> {
    return new Promise((resolve, reject) => {
      this.hosted.set(session, { model, settings, pending: { resolve, reject } });
      this.post({ type: 'load', session, model, settings });
    });
  }

  /** Runs `session`; takes ownership of the inputs' buffers (transferred, then detached here). */
  run(
    session: number,
    inputs: readonly Tensor[],
    outputNames: readonly string[],
    trace?: RunTrace,
  ): Promise<Tensor[]> {
    const id = this.nextRun++;
    return new Promise((resolve, reject) => {
      this.runs.set(id, { resolve, reject, postedAt: monotonicNs(), trace });
      this.post({ type: 'run', id, session, inputs, outputNames }, transferables(inputs));
    });
  }

  /** Releases `session` after the instructions already queued for it. */
  dispose(session: number): void {
    if (!this.hosted.delete(session)) return;
    this.post({ type: 'dispose', session });
  }

  /** Ends the thread; anything still pending fails rather than hanging. */
  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
    this.fail(`session thread ${this.index} closed`);
  }

  private post(message: ToPool, transfer: ArrayBuffer[] = []): void {
    this.outbox.push(message);
    this.transfer.push(...transfer);
    if (this.outbox.length === 1) queueMicrotask(() => this.flush());
  }

  private flush(): void {
    if (this.outbox.length === 0) return;
    const messages = this.outbox;
    const transfer = this.transfer;
    this.outbox = [];
    this.transfer = [];
    this.worker.postMessage({ type: 'batch', messages }, transfer);
  }

  private start(): void {
    const { file, execArgv, heapMb } = this.script;
    const worker = new Worker(file, {
      execArgv: [...execArgv],
      ...(heapMb !== undefined && { resourceLimits: { maxOldGenerationSizeMb: heapMb } }),
    });
    this.worker = worker;
    worker.on('message', (m: FromPool) => this.settle(m));
    worker.on('error', (e) =>
      this.fail(`session thread ${this.index} stopped (${e.message}); it is being restarted`),
    );
    worker.on('exit', (code) => {
      if (this.closing) return;
      this.fail(`session thread ${this.index} exited with code ${code}; it is being restarted`);
      this.restart(`exited with code ${code}`);
    });
  }

  private restart(reason: string): void {
    for (const [session, h] of this.hosted) {
      if (h.pending) this.hosted.delete(session);
    }
    this.outbox = [];
    this.transfer = [];
    this.start();
    for (const [session, h] of this.hosted) {
      this.post({ type: 'load', session, model: h.model, settings: h.settings });
    }
    this.onRestart(this.index, reason, this.hosted.size);
  }

  private settle(message: FromPool): void {
    if (message.type === 'loaded' || message.type === 'load-failed') {
      const h = this.hosted.get(message.session);
      const pending = h?.pending;
      if (!h || !pending) return;
      h.pending = undefined;
      if (message.type === 'loaded') return pending.resolve(message);
      this.hosted.delete(message.session);
      return pending.reject(new Error(message.message));
    }
    const run = this.runs.get(message.id);
    if (!run) return;
    this.runs.delete(message.id);
    if (message.type === 'failed') return run.reject(new Error(message.message));
    const { trace, postedAt } = run;
    if (trace) {
      // The hops between threads count as input (there) and output (back) time.
      const t = message.timing;
      trace.computeInputNs += t.receivedAt - postedAt + t.inputNs;
      trace.computeInferNs += t.inferNs;
      trace.computeOutputNs += t.outputNs + monotonicNs() - t.sentAt;
    }
    run.resolve(message.outputs);
  }

  private fail(reason: string): void {
    for (const run of this.runs.values()) run.reject(new InternalError(reason));
    this.runs.clear();
    for (const h of this.hosted.values()) h.pending?.reject(new Error(reason));
  }
}
