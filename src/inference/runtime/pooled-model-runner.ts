import { Logger } from '@nestjs/common';
import { HandlerSession } from './handlers/handler-session';
import { LoadedSession, ModelRunner, RunnerOptions } from './model-runner';
import { inlineBudget } from './inline-policy';
import { PlacedSession } from './placed-session';
import { PoolSessions, SessionPool } from './pool/session-pool';
import { RequestsInFlight } from './requests-in-flight';
import { CostPoint, inputUnits } from './run-cost';
import { newRunTrace } from './run-trace';
import { warmUpInputs } from './warm-up';

/** Untimed runs before each measured size: the first runs of a session (and of a thread's JIT) are several times slower. */
const WARM_RUNS = 20;
const TIMED_RUNS = 10;

/**
 * ModelRunner over the shared SessionPool: loads a version's sessions on pool threads, warms
 * them up while measuring what a run costs at two input sizes, and, where runs are tiny (and
 * config.json's `placement` allows), adds an inline session on the event loop (placed-session.ts).
 */
export class PooledModelRunner implements ModelRunner {
  private readonly logger = new Logger(PooledModelRunner.name);

  constructor(
    private readonly pool: SessionPool,
    private readonly requests: RequestsInFlight,
  ) {}

  async load(model: Uint8Array, options: RunnerOptions): Promise<LoadedSession> {
    const { handler } = options;
    const sessions = await this.pool.load(model, options.session, options.instances, handler);
    // A handler is never warmed up or run inline: its runs are the author's code, with side effects.
    if (handler) return new HandlerSession(sessions, handler);
    try {
      const points = await this.measure(sessions, options.maxBatchSize);
      const plan = inlineBudget(options.placement, model.byteLength, points);
      if (!plan) return new PlacedSession(sessions, this.requests);
      // onnxruntime-node is loaded on the event loop's thread only once a model runs there.
      const { createOnnxSession } = await import('./onnx-model-runner');
      const session = await createOnnxSession(model, options.session);
      return new PlacedSession(sessions, this.requests, { session, ...plan });
    } catch (e) {
      sessions.dispose();
      throw e;
    }
  }

  /**
   * The fastest compute time per warm-up size (the least disturbed: a server loading models under
   * traffic, or beside other processes, only ever measures slower); undefined when the graph
   * refuses the warm-up inputs.
   */
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
        points.push({ units, ns: Math.min(...times) });
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
