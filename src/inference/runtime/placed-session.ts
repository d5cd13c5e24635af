import { Tensor } from '../../common/tensor/tensor';
import { LoadedSession, RuntimeTensorInfo } from './model-runner';
import { PoolSessions } from './pool/session-pool';
import { inputUnits, RunCost } from './run-cost';
import { RequestsInFlight } from './requests-in-flight';
import { RunTrace } from './run-trace';

/** A session on the event loop for runs measured to be tiny, and how tiny a run must be. */
export interface InlineLane {
  readonly session: LoadedSession;
  readonly cost: RunCost;
  /** Runs estimated above this many ns go to the pool. */
  readonly budgetNs: number;
}

/**
 * One model version as the data plane sees it: its sessions on the pool, and for a model whose
 * runs are tiny, one more session on the event loop. A run executes inline when its request is
 * the only one in the server (the server is waiting on it: the thread hop would cost more than
 * the run) and its estimated cost (from the warm-up measurements, by input size) fits the budget.
 * Under load, runs go to the pool, which leaves the event loop to HTTP while other cores compute
 * (and lets a batcher in front gather larger batches); a heavy run never holds the event loop.
 */
export class PlacedSession implements LoadedSession {
  private inFlight = 0;

  constructor(
    private readonly pool: PoolSessions,
    private readonly requests: RequestsInFlight,
    private readonly inline?: InlineLane,
  ) {}

  get inputs(): readonly RuntimeTensorInfo[] {
    return this.pool.metadata.inputs;
  }

  get outputs(): readonly RuntimeTensorInfo[] {
    return this.pool.metadata.outputs;
  }

  /** Runs that can execute at once: one per pool session (the inline lane runs only when alone). */
  get concurrency(): number {
    return this.pool.count;
  }

  get placement(): string {
    const threads = `pool thread${this.pool.count > 1 ? 's' : ''} ${this.pool.threads.join(', ')}`;
    if (!this.inline) return threads;
    const { cost, budgetNs } = this.inline;
    return `inline when estimated ≤ ${Math.round(budgetNs / 1000)} µs (a run costs ${cost.describe()}), else ${threads}`;
  }

  /** Whether runs of this version may execute on the event loop. */
  get runsInline(): boolean {
    return this.inline !== undefined;
  }

  run(
    inputs: readonly Tensor[],
    outputNames: readonly string[],
    trace?: RunTrace,
  ): Promise<Tensor[]> {
    const lane = this.inline;
    const inline =
      lane !== undefined &&
      this.inFlight === 0 &&
      this.requests.current <= 1 &&
      lane.cost.estimateNs(inputUnits(inputs)) <= lane.budgetNs;
    this.inFlight++;
    const run = inline
      ? lane.session.run(inputs, outputNames, trace)
      : this.pool.run(inputs, outputNames, trace);
    return run.finally(() => this.inFlight--);
  }

  async dispose(): Promise<void> {
    this.pool.dispose();
    await this.inline?.session.dispose();
  }
}
