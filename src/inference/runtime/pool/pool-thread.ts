import { Worker } from 'node:worker_threads';
import { InternalError, TimeoutError } from '../../../common/errors/serving.errors';
import { Tensor } from '../../../common/tensor/tensor';
import { HandlerSpec } from '../handlers/handler-spec';
import { SessionSettings } from '../model-runner';
import { monotonicNs, RunTrace } from '../run-trace';
import { answerModelCall } from './model-calls';
import { FromPool, ModelCall, RunFailure, ToPool, transferables } from './pool-protocol';
import {
  CallRouter,
  Hosted,
  PendingRun,
  RunMessage,
  SessionMetadata,
  WorkerScript,
} from './thread-state';

export type { CallRouter, SessionMetadata, WorkerScript };

/**
 * The main thread's handle on one pool thread and the sessions it hosts. Instructions queued in
 * one turn of the event loop leave in one message (a microtask flushes them). Every promise
 * settles: a run with its outputs, the runtime's error, or InternalError if the thread dies. A
 * dead thread is started again and reloads every session it hosted, so its models keep serving;
 * a session whose load was under way when the thread died is not retried (it may be the cause).
 *
 * Handler sessions have limits: a call or a load that overruns is failed with TimeoutError and
 * the thread is replaced on purpose (a loop in JavaScript cannot be interrupted otherwise). Then
 * nothing else is lost: every other session is reloaded and every other run sent again, which
 * is why a thread hosting a handler keeps a copy of each run's inputs until it is answered.
 */
export class PoolThread {
  private worker!: Worker;
  private outbox: ToPool[] = [];
  private transfer: ArrayBuffer[] = [];
  private readonly runs = new Map<number, PendingRun>();
  private readonly hosted = new Map<number, Hosted>();
  private nextRun = 0;
  private closing = false;
  private handlerSessions = 0;
  /** Set while the thread is being replaced on purpose: why. */
  private replacing?: string;

  constructor(
    readonly index: number,
    private readonly script: WorkerScript,
    private readonly onRestart: (thread: number, reason: string, sessions: number) => void,
    private readonly calls: () => CallRouter | undefined = () => undefined,
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

  /**
   * Creates session `session` on this thread (a handler session when `handler` is given, with
   * `model` as its model.onnx or empty); resolves with its metadata, rejects with the load error.
   */
  load(
    session: number,
    model: Uint8Array,
    settings: SessionSettings,
    handler?: HandlerSpec,
  ): Promise<SessionMetadata> {
    return new Promise((resolve, reject) => {
      const hosted: Hosted = { model, settings, handler, pending: { resolve, reject } };
      if (handler) {
        this.handlerSessions++;
        hosted.loadTimer = setTimeout(() => this.loadOverran(session), handler.loadTimeoutMs);
      }
      this.hosted.set(session, hosted);
      this.post({ type: 'load', session, model, settings, handler });
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
    const keep = this.handlerSessions > 0;
    const handler = this.hosted.get(session)?.handler;
    return new Promise((resolve, reject) => {
      const message: RunMessage = { type: 'run', id, session, inputs, outputNames };
      const run: PendingRun = {
        resolve,
        reject,
        postedAt: monotonicNs(),
        trace,
        message: keep ? message : undefined,
      };
      if (handler) run.timer = setTimeout(() => this.overran(id, handler), handler.timeoutMs);
      this.runs.set(id, run);
      this.post(message, keep ? [] : transferables(inputs));
    });
  }

  /** Releases `session` after the instructions already queued for it. */
  dispose(session: number): void {
    if (!this.forget(session)) return;
    this.post({ type: 'dispose', session });
  }

  /** Ends the thread; anything still pending fails rather than hanging. */
  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
    this.fail(`session thread ${this.index} closed`);
    for (const h of this.hosted.values()) clearTimeout(h.loadTimer);
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
      if (this.replacing !== undefined) return this.replaceNow(this.replacing);
      this.fail(`session thread ${this.index} exited with code ${code}; it is being restarted`);
      this.restart(`exited with code ${code}`);
    });
  }

  private restart(reason: string): void {
    for (const [session, h] of this.hosted) {
      if (h.pending) this.forget(session);
    }
    this.outbox = [];
    this.transfer = [];
    this.start();
    this.reload();
    this.onRestart(this.index, reason, this.hosted.size);
  }

  private reload(): void {
    for (const [session, { model, settings, handler }] of this.hosted) {
      this.post({ type: 'load', session, model, settings, handler });
    }
  }

  /** A handler call overran: it fails, and the thread is replaced (see the class comment). */
  private overran(id: number, handler: HandlerSpec): void {
    const run = this.runs.get(id);
    if (!run) return;
    this.runs.delete(id);
    run.reject(
      new TimeoutError(
        `model '${handler.model}' version ${handler.version}: the handler did not answer within ${handler.timeoutMs} ms (parameters.handler_timeout_ms)`,
      ),
    );
    this.replace(`a call to model '${handler.model}' overran ${handler.timeoutMs} ms`);
  }

  /** A handler's load overran (a loop at load): only that session fails; the thread is replaced. */
  private loadOverran(session: number): void {
    const h = this.hosted.get(session);
    if (!h?.pending || !h.handler) return;
    this.forget(session);
    h.pending.reject(
      new Error(
        `the handler did not load within ${h.handler.loadTimeoutMs} ms (parameters.handler_load_timeout_ms)`,
      ),
    );
    this.replace(`loading model '${h.handler.model}' overran ${h.handler.loadTimeoutMs} ms`);
  }

  private replace(reason: string): void {
    if (this.replacing !== undefined || this.closing) return;
    this.replacing = reason;
    void this.worker.terminate();
  }

  /** After a replacement's exit: a new thread, every session reloaded, every kept run sent again. */
  private replaceNow(reason: string): void {
    this.replacing = undefined;
    this.outbox = [];
    this.transfer = [];
    this.start();
    this.reload();
    for (const [id, run] of this.runs) {
      if (!run.message) {
        this.runs.delete(id);
        clearTimeout(run.timer);
        run.reject(new InternalError(`session thread ${this.index} was replaced: ${reason}`));
        continue;
      }
      const handler = this.hosted.get(run.message.session)?.handler;
      clearTimeout(run.timer);
      if (handler) run.timer = setTimeout(() => this.overran(id, handler), handler.timeoutMs);
      this.post(run.message);
    }
    this.onRestart(this.index, `was replaced (${reason})`, this.hosted.size);
  }

  /** Stops hosting `session`; false when it was not hosted. */
  private forget(session: number): boolean {
    const h = this.hosted.get(session);
    if (!h) return false;
    clearTimeout(h.loadTimer);
    if (h.handler) this.handlerSessions--;
    return this.hosted.delete(session);
  }

  /** A handler's call to another model: routed to the data plane, answered to this thread. */
  private answerCall(call: ModelCall): void {
    const worker = this.worker;
    answerModelCall(call, this.calls(), (message, transfer) => {
      // A thread replaced meanwhile took the waiting handler with it.
      if (worker === this.worker) this.post(message, transfer);
    });
  }

  private settle(message: FromPool): void {
    if (message.type === 'call') return this.answerCall(message);
    if (message.type === 'loaded' || message.type === 'load-failed') {
      const h = this.hosted.get(message.session);
      const pending = h?.pending;
      if (!h || !pending) return;
      h.pending = undefined;
      clearTimeout(h.loadTimer);
      if (message.type === 'loaded') return pending.resolve(message);
      this.forget(message.session);
      return pending.reject(new Error(message.message));
    }
    const run = this.runs.get(message.id);
    if (!run) return;
    this.runs.delete(message.id);
    clearTimeout(run.timer);
    if (message.type === 'failed') return run.reject(new RunFailure(message.message, message.code));
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
    for (const run of this.runs.values()) {
      clearTimeout(run.timer);
      run.reject(new InternalError(reason));
    }
    this.runs.clear();
    for (const h of this.hosted.values()) h.pending?.reject(new Error(reason));
  }
}
