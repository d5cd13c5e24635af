import { Clock } from '../../common/clock';
import { LoadedSession, ModelRunner, RunnerOptions } from '../runtime/model-runner';
import { DynamicBatcher } from './dynamic-batcher';

/**
 * ModelRunner that wraps another: sessions of models with `dynamic_batching` get a DynamicBatcher
 * in front; all others are returned as they are (each request runs alone). Composition, not patching.
 */
export class BatchingModelRunner implements ModelRunner {
  constructor(
    private readonly inner: ModelRunner,
    private readonly clock: Clock,
  ) {}

  async load(model: Uint8Array, options: RunnerOptions): Promise<LoadedSession> {
    const session = await this.inner.load(model, options);
    const { batching } = options;
    if (!batching) return session;
    return new DynamicBatcher(
      session,
      { ...batching, concurrency: session.concurrency ?? options.instances },
      this.clock,
    );
  }
}
