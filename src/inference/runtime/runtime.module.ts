import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { SYSTEM_CLOCK } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BatchingModelRunner } from '../batching/batching-model-runner';
import { MODEL_RUNNER } from './model-runner';
import { PooledModelRunner } from './pooled-model-runner';
import { RequestsInFlight } from './requests-in-flight';
import { POOL_WORKER, SessionPool } from './pool/session-pool';

/**
 * Provides the ModelRunner: sessions on one pool of threads shared by every model (sized to the
 * cores this process may use, or SESSION_THREADS), tiny runs inline, and a dynamic batcher in
 * front where a model batches. The only module that knows onnxruntime-node exists.
 */
@Module({
  providers: [
    {
      provide: SessionPool,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new SessionPool(config.sessionThreads || availableParallelism(), {
          ...POOL_WORKER,
          heapMb: config.sessionThreadHeapMb || undefined,
        }),
    },
    RequestsInFlight,
    {
      provide: MODEL_RUNNER,
      inject: [SessionPool, RequestsInFlight],
      useFactory: (pool: SessionPool, requests: RequestsInFlight) =>
        new BatchingModelRunner(new PooledModelRunner(pool, requests), SYSTEM_CLOCK),
    },
  ],
  exports: [MODEL_RUNNER, SessionPool, RequestsInFlight],
})
export class RuntimeModule implements OnApplicationShutdown {
  constructor(@Inject(SessionPool) private readonly pool: SessionPool) {}

  /** After the registry has retired every session (its own shutdown hook runs first). */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
