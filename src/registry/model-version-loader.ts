import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MODEL_RUNNER, ModelRunner } from '../inference/runtime/model-runner';
import { ModelConfig, OutputLabels } from './model-config';
import { checkExternalData } from './external-data';
import { FootprintMeter } from './footprint';
import { handlerSpecOf, servedByHandler } from './handler-config';
import { checkLabels } from './model-labels';
import { completeSignature } from './model-signature';
import { ModelRepository } from './model-repository';
import { VersionSource } from './model-source';
import { VersionHandle } from './version-handle';

/** Turns one version directory into a loaded, checked VersionHandle, or throws with the reason. */
@Injectable()
export class ModelVersionLoader {
  private readonly footprint = new FootprintMeter();

  constructor(
    @Inject(MODEL_RUNNER) private readonly runner: ModelRunner,
    private readonly repository: ModelRepository,
  ) {}

  async load(
    realRoot: string,
    config: ModelConfig,
    source: VersionSource,
    fingerprint: string,
    labels: OutputLabels = {},
  ): Promise<VersionHandle> {
    const handled = servedByHandler(config, source);
    const bytes =
      handled && source.file === undefined
        ? new Uint8Array(0)
        : await this.repository.readModelFile(realRoot, source);
    // Before the runner sees the bytes: ONNX Runtime would open the files they name.
    if (bytes.byteLength > 0) await checkExternalData(source.dir, bytes);
    // Hashed before the load: the runner may hand the buffer to a worker thread.
    const hash = createHash('sha256').update(bytes);
    const handlerFile = handled
      ? await this.repository.readHandlerFile(realRoot, source)
      : undefined;
    // A handler's code is part of what answers: a shared response cache keys on it too.
    if (handlerFile) hash.update(handlerFile.text);
    const sha256 = hash.digest('hex');
    const { intraOpThreads, allowSpinning, placement } = config.execution;
    const measured = this.footprint.start(bytes.byteLength);
    let footprintBytes = 0;
    const session = await this.runner
      .load(bytes, {
        session: { intraOpThreads, allowSpinning, externalDataDir: source.dir },
        instances: config.instanceCount,
        maxBatchSize: config.maxBatchSize,
        placement,
        handler: handlerFile && handlerSpecOf(config, source, handlerFile.file),
        batching: config.dynamicBatching && {
          maxBatchSize: config.maxBatchSize,
          ...config.dynamicBatching,
        },
      })
      .finally(() => (footprintBytes = measured()));
    try {
      const signature = completeSignature(config, session);
      checkLabels(signature, labels);
      return new VersionHandle(
        session,
        signature,
        config,
        fingerprint,
        labels,
        sha256,
        footprintBytes,
      );
    } catch (e) {
      await session.dispose();
      throw e;
    }
  }
}
