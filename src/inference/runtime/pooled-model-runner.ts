import { Logger } from '@nestjs/common';
import { LoadedSession, ModelRunner, RunnerOptions } from './model-runner';
import { createOnnxSession } from './onnx-model-runner';
import { inlineBudget } from './inline-policy';
import { PlacedSession } from './placed-session';
import { PoolSessions, SessionPool } from './pool/session-pool';
import { CostPoint, inputUnits } from './run-cost';
import { newRunTrace } from './run-trace';
import { warmUpInputs } from './warm-up';

/** Untimed runs before each measured size (the first run of a session allocates). */
const WARM_RUNS = 2;
const TIMED_RUNS = 5;

/**
 * ModelRunner over the shared SessionPool: loads a version's sessions on pool threads, warms
 * them up while measuring what a run costs at two input sizes, and, where runs are tiny (and
 * config.json's `placement` allows), adds an inline session on the event loop (placed-session.ts).
 */
export class PooledModelRunner implements ModelRunner {
  private readonly logger = new Logger(PooledModelRunner.name);

  constructor(private readonly pool: SessionPool) {}

  async load(model: Uint8Array, options: RunnerOptions): Promise<LoadedSession> {
    const sessions = await this.pool.load(model, options.session, options.instances);
    try {
      const points = await this.measure(sessions, options.maxBatchSize);
      const plan = inlineBudget(options.placement, model.byteLength, points);
      if (!plan) return new PlacedSession(sessions);
      const session = await createOnnxSession(model, options.session);
      return new PlacedSession(sessions, { session, ...plan });
    } catch (e) {
      sessions.dispose();
      throw e;
    }
  }

  /** Median compute time per warm-up size; undefined when the graph refuses the warm-up inputs. */
  private async measure(
    sessions: PoolSessions,
    maxBatchSize: number,
  ): Promise<CostPoint[] | undefined> {
    const sizes = warmUpInputs(sessions.metadata.inputs, maxBatchSize)?.length ?? 0;
    const outputs = sessions.metadata.outputs.map((o) => o.name);
    const points: CostPoint[] = [];
    try {
      for (let size = 0; size < sizes; size++) {
        const times: number[] = [];
        let units = 0;
        for (let i = 0; i < WARM_RUNS + TIMED_RUNS; i++) {
          // Fresh inputs each run: a run takes ownership of its input buffers.
          const inputs = warmUpInputs(sessions.metadata.inputs, maxBatchSize)?.[size] ?? [];
          units = inputUnits(inputs);
          const trace = newRunTrace();
          await sessions.run(inputs, outputs, trace);
          if (i >= WARM_RUNS) times.push(trace.computeInferNs);
        }
        times.sort((a, b) => a - b);
        points.push({ units, ns: times[Math.floor(times.length / 2)] });
      }
    } catch (e) {
      this.logger.debug(
        `warm-up run refused, the model runs on the pool only: ${(e as Error).message}`,
      );
      return undefined;
    }
    return points;
  }
}
