import { Clock } from '../../common/clock';
import {
  ModelNotReadyError,
  QueueFullError,
  TimeoutError,
} from '../../common/errors/serving.errors';
import { Tensor } from '../../common/tensor/tensor';
import { LoadedSession } from '../runtime/model-runner';
import { newRunTrace, RunTrace, shareExecution } from '../runtime/run-trace';
import { mergeInputs, splitOutputs } from './batch-merge';

/** What the batcher needs to know; times in ms. */
export interface BatcherSettings {
  readonly maxBatchSize: number;
  readonly preferredBatchSizes: readonly number[];
  readonly maxQueueDelayMs: number;
  readonly maxQueueSize: number;
  /** 0: a queued request never times out. */
  readonly queueTimeoutMs: number;
  /** Batches that may run at once: the number of sessions behind `inner`. */
  readonly concurrency: number;
}

interface Queued {
  readonly inputs: readonly Tensor[];
  readonly outputNames: readonly string[];
  readonly rows: number;
  /** Requests with equal keys may share a batch: same outputs, same non-batch input shapes. */
  readonly key: string;
  readonly enqueuedAt: number;
  readonly trace?: RunTrace;
  readonly resolve: (outputs: Tensor[]) => void;
  readonly reject: (e: Error) => void;
}

/**
 * Triton-style dynamic batcher around a session of a model with a batch dimension. Requests
 * (already validated) wait in a bounded queue; a batch leaves when a session is free and the
 * batch is full, has reached the largest preferred size, or its oldest request has waited
 * max_queue_delay. Every promise settles: with its rows of the batch's outputs, QueueFullError
 * at enqueue, TimeoutError past the queue timeout, or the batch's error. A failed batch is
 * retried request by request, so one request the graph rejects does not fail its neighbours.
 */
export class DynamicBatcher implements LoadedSession {
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  private timer: unknown;
  private draining = false;
  private drained?: () => void;

  constructor(
    private readonly inner: LoadedSession,
    private readonly settings: BatcherSettings,
    private readonly clock: Clock,
  ) {}

  get inputs(): LoadedSession['inputs'] {
    return this.inner.inputs;
  }

  get outputs(): LoadedSession['outputs'] {
    return this.inner.outputs;
  }

  get placement(): string {
    return `dynamic batching, ${this.inner.placement ?? 'one session'}`;
  }

  get takesRecords(): boolean | undefined {
    return this.inner.takesRecords;
  }

  /** Requests waiting for a batch. */
  get queued(): number {
    return this.queue.length;
  }

  /** Fills `trace` with the time queued, the batch's rows and the compute times of that batch. */
  run(
    inputs: readonly Tensor[],
    outputNames: readonly string[],
    trace?: RunTrace,
  ): Promise<Tensor[]> {
    if (this.draining) return Promise.reject(new ModelNotReadyError('the model is shutting down'));
    if (this.queue.length >= this.settings.maxQueueSize) {
      return Promise.reject(
        new QueueFullError(`queue is full (max_queue_size ${this.settings.maxQueueSize})`),
      );
    }
    return new Promise((resolve, reject) => {
      const key = `${outputNames.join('\u0000')}|${[...inputs]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((t) => `${t.name}:${t.shape.slice(1).join(',')}`)
        .join(';')}`;
      this.queue.push({
        inputs,
        outputNames,
        rows: inputs[0]?.shape[0] ?? 1,
        key,
        enqueuedAt: this.clock.now(),
        trace,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** Stops taking requests, runs everything queued without waiting for delays, then disposes the session. */
  async dispose(): Promise<void> {
    this.draining = true;
    this.pump();
    if (this.queue.length > 0 || this.inFlight > 0)
      await new Promise<void>((r) => (this.drained = r));
    await this.inner.dispose();
  }

  private pump(): void {
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.expire();
    while (this.inFlight < this.settings.concurrency && this.queue.length > 0) {
      const batch = this.collect();
      const rows = batch.reduce((n, q) => n + q.rows, 0);
      if (!this.draining && !this.isReady(rows, batch[0])) break;
      for (const q of batch) this.queue.splice(this.queue.indexOf(q), 1);
      this.dispatch(batch);
    }
    this.schedule();
    if (this.draining && this.queue.length === 0 && this.inFlight === 0) this.drained?.();
  }

  /** The head request and, in arrival order, every compatible one that still fits max_batch_size. */
  private collect(): Queued[] {
    const head = this.queue[0];
    const batch = [head];
    let rows = head.rows;
    for (const q of this.queue.slice(1)) {
      if (q.key !== head.key) continue;
      if (rows + q.rows > this.settings.maxBatchSize) break;
      batch.push(q);
      rows += q.rows;
    }
    return batch;
  }

  private isReady(rows: number, head: Queued): boolean {
    const { maxBatchSize, preferredBatchSizes, maxQueueDelayMs } = this.settings;
    const largestPreferred = preferredBatchSizes.at(-1) ?? maxBatchSize;
    return (
      rows >= Math.min(maxBatchSize, largestPreferred) ||
      this.clock.now() - head.enqueuedAt >= maxQueueDelayMs
    );
  }

  private dispatch(batch: Queued[]): void {
    this.inFlight++;
    const single = batch.length === 1;
    const inputs = single ? batch[0].inputs : mergeInputs(batch.map((q) => q.inputs));
    const startedAt = this.clock.now();
    for (const q of batch) if (q.trace) q.trace.queueNs = (startedAt - q.enqueuedAt) * 1e6;
    const trace = single ? batch[0].trace : newRunTrace();
    if (trace) trace.executionRows = batch.reduce((n, q) => n + q.rows, 0);
    this.inner
      .run(inputs, batch[0].outputNames, trace)
      .then(
        (outputs) => {
          if (!single && trace)
            shareExecution(
              batch.map((q) => q.trace),
              trace,
            );
          const parts = single
            ? [outputs]
            : splitOutputs(
                outputs,
                batch.map((q) => q.rows),
              );
          batch.forEach((q, i) => q.resolve(parts[i]));
        },
        (e: Error) => (single ? batch[0].reject(e) : this.retryAlone(batch)),
      )
      .catch((e: Error) => batch.forEach((q) => q.reject(e)))
      .finally(() => {
        this.inFlight--;
        this.pump();
      });
  }

  /** After a merged batch failed: each member runs alone (its own inputs were never transferred). */
  private async retryAlone(batch: readonly Queued[]): Promise<void> {
    for (const q of batch) {
      if (q.trace) q.trace.executionRows = q.rows;
      await this.inner.run(q.inputs, q.outputNames, q.trace).then(q.resolve, q.reject);
    }
  }

  private expire(): void {
    const { queueTimeoutMs } = this.settings;
    if (queueTimeoutMs <= 0) return;
    const now = this.clock.now();
    for (const q of this.queue.filter((r) => now - r.enqueuedAt >= queueTimeoutMs)) {
      this.queue.splice(this.queue.indexOf(q), 1);
      q.reject(new TimeoutError(`request waited more than ${queueTimeoutMs} ms in the queue`));
    }
  }

  /** Wakes the batcher when the head's delay runs out or the oldest request would time out. */
  private schedule(): void {
    if (this.queue.length === 0) return;
    const oldest = Math.min(...this.queue.map((q) => q.enqueuedAt));
    const deadlines: number[] = [];
    if (this.inFlight < this.settings.concurrency)
      deadlines.push(this.queue[0].enqueuedAt + this.settings.maxQueueDelayMs);
    if (this.settings.queueTimeoutMs > 0) deadlines.push(oldest + this.settings.queueTimeoutMs);
    if (deadlines.length === 0) return;
    const delay = Math.max(0, Math.min(...deadlines) - this.clock.now());
    this.timer = this.clock.setTimer(() => this.pump(), delay);
  }
}
