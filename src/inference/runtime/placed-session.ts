import { Tensor } from '../../common/tensor/tensor';
import { LoadedSession, RuntimeTensorInfo } from './model-runner';
import { PoolSessions } from './pool/session-pool';
import { inputUnits, RunCost } from './run-cost';
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
 * runs are tiny, one more session on the event loop. A run executes inline when that lane is
 * idle and the run's estimated cost (from the warm-up measurements, by input size) fits the
 * budget: the thread hop would cost more than the run. Anything larger, or anything arriving
 * while an inline run is under way, goes to the pool, so a heavy run never holds the event loop.
 */
export class PlacedSession implements LoadedSession {
  private inlineBusy = false;

  constructor(
    private readonly pool: PoolSessions,
    private readonly inline?: InlineLane,
  ) {}

  get inputs(): readonly RuntimeTensorInfo[] {
    return this.pool.metadata.inputs;
  }

  get outputs(): readonly RuntimeTensorInfo[] {
    return this.pool.metadata.outputs;
  }

  /** Runs that can execute at once: one per pool session, plus the inline lane. */
  get concurrency(): number {
    return this.pool.count + (this.inline ? 1 : 0);
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
    if (lane && !this.inlineBusy && lane.cost.estimateNs(inputUnits(inputs)) <= lane.budgetNs) {
      this.inlineBusy = true;
      return lane.session.run(inputs, outputNames, trace).finally(() => {
        this.inlineBusy = false;
      });
    }
    return this.pool.run(inputs, outputNames, trace);
  }

  async dispose(): Promise<void> {
    this.pool.dispose();
    await this.inline?.session.dispose();
  }
}
