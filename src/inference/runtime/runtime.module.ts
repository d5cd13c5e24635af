import { Module } from '@nestjs/common';
import { SYSTEM_CLOCK } from '../../common/clock';
import { BatchingModelRunner } from '../batching/batching-model-runner';
import { MODEL_RUNNER } from './model-runner';
import { WorkerModelRunner } from './worker/worker-model-runner';

/**
 * Provides the ModelRunner: sessions in worker threads, with a dynamic batcher in front where a
 * model's config asks for one. The only module that knows onnxruntime-node exists.
 */
@Module({
  providers: [
    WorkerModelRunner,
    {
      provide: MODEL_RUNNER,
      inject: [WorkerModelRunner],
      useFactory: (workers: WorkerModelRunner) => new BatchingModelRunner(workers, SYSTEM_CLOCK),
    },
  ],
  exports: [MODEL_RUNNER],
})
export class RuntimeModule {}
