import { Module } from '@nestjs/common';
import { MODEL_RUNNER } from './model-runner';
import { OnnxModelRunner } from './onnx-model-runner';

/** Provides the ModelRunner; the only module that knows onnxruntime-node exists. */
@Module({
  providers: [{ provide: MODEL_RUNNER, useClass: OnnxModelRunner }],
  exports: [MODEL_RUNNER],
})
export class RuntimeModule {}
