import { InferenceRecord } from '../inference-record';

/** A count and a total duration in ns (Triton's $duration_stat). */
export interface DurationStat {
  readonly count: number;
  readonly ns: number;
}

/** Compute times of the executions of one batch size; `count` of each is the executions. */
export interface BatchSizeStats {
  readonly batchSize: number;
  readonly computeInput: DurationStat;
  readonly computeInfer: DurationStat;
  readonly computeOutput: DurationStat;
}

/** Statistics of one model version since the server started (Triton's statistics extension). */
export interface ModelStatsSnapshot {
  /** ms since the epoch of the last request, succeeded or failed; 0 before the first. */
  readonly lastInferenceMs: number;
  /** Rows of successful requests. */
  readonly inferenceCount: number;
  /** Successful executions of the model: one per batch, however many requests it merged. */
  readonly executionCount: number;
  readonly success: DurationStat;
  readonly fail: DurationStat;
  /** The next four count successful requests; a merged batch's compute times count once per member. */
  readonly queue: DurationStat;
  readonly computeInput: DurationStat;
  readonly computeInfer: DurationStat;
  readonly computeOutput: DurationStat;
  /** Ascending by batch size. */
  readonly batches: readonly BatchSizeStats[];
}

class Duration {
  count = 0;
  ns = 0;

  add(ns: number): void {
    this.count++;
    this.ns += Math.max(0, Math.round(ns));
  }

  snapshot(): DurationStat {
    return { count: this.count, ns: this.ns };
  }
}

class BatchDurations {
  readonly input = new Duration();
  readonly infer = new Duration();
  readonly output = new Duration();
}

/**
 * Accumulates the records of one model version into Triton's statistics. Pure bookkeeping: the
 * caller says what happened and when; nothing here reads a clock.
 */
export class ModelStatsAccumulator {
  private lastInferenceMs = 0;
  private inferenceCount = 0;
  private executionCount = 0;
  private readonly success = new Duration();
  private readonly fail = new Duration();
  private readonly queue = new Duration();
  private readonly input = new Duration();
  private readonly infer = new Duration();
  private readonly output = new Duration();
  private readonly batches = new Map<number, BatchDurations>();

  record(record: InferenceRecord): void {
    this.lastInferenceMs = Math.max(this.lastInferenceMs, record.finishedAtMs);
    if (record.outcome !== 'success') return this.fail.add(record.durationNs);
    this.success.add(record.durationNs);
    this.inferenceCount += record.rows;
    const trace = record.trace;
    if (!trace) return;
    this.queue.add(trace.queueNs);
    this.input.add(trace.computeInputNs);
    this.infer.add(trace.computeInferNs);
    this.output.add(trace.computeOutputNs);
    if (!trace.countsExecution) return;
    this.executionCount++;
    const size = trace.executionRows ?? record.rows;
    const batch = this.batches.get(size) ?? new BatchDurations();
    this.batches.set(size, batch);
    batch.input.add(trace.computeInputNs);
    batch.infer.add(trace.computeInferNs);
    batch.output.add(trace.computeOutputNs);
  }

  snapshot(): ModelStatsSnapshot {
    return {
      lastInferenceMs: this.lastInferenceMs,
      inferenceCount: this.inferenceCount,
      executionCount: this.executionCount,
      success: this.success.snapshot(),
      fail: this.fail.snapshot(),
      queue: this.queue.snapshot(),
      computeInput: this.input.snapshot(),
      computeInfer: this.infer.snapshot(),
      computeOutput: this.output.snapshot(),
      batches: [...this.batches.entries()]
        .sort(([a], [b]) => a - b)
        .map(([batchSize, b]) => ({
          batchSize,
          computeInput: b.input.snapshot(),
          computeInfer: b.infer.snapshot(),
          computeOutput: b.output.snapshot(),
        })),
    };
  }
}
