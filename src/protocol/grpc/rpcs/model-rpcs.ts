import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { SERVER_INFO } from '../../../config/server-info';
import { InferenceService } from '../../../inference/inference.service';
import { serverExtensions } from '../../shared/server-extensions';
import { modelConfigObject } from '../../v2/codecs/v2-config.codec';
import { modelStatisticsObject } from '../../v2/codecs/v2-stats.codec';
import { GrpcCallRunner, RpcPolicy } from '../call/grpc-call-runner';
import { modelMetadataMessage, modelRef } from '../codecs/grpc-model.codec';
import { ServerCall } from '../transport/server-call';

const PROBE: RpcPolicy = { access: 'open', throttled: false, quiet: true };
const KEY: RpcPolicy = { access: 'key', throttled: true };

/**
 * Health, metadata, configuration and statistics of GRPCInferenceService: each one call of the
 * data plane, as the REST controllers make it, with the same access rules (the liveness and
 * readiness probes open and unthrottled, the rest behind an API key when keys are set).
 */
@Injectable()
export class ModelRpcs {
  private readonly extensions: readonly string[];

  constructor(
    private readonly inference: InferenceService,
    private readonly runner: GrpcCallRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.extensions = serverExtensions(config);
  }

  /** Handlers by method name. */
  handlers(): ReadonlyMap<string, (call: ServerCall) => Promise<void>> {
    const r = this.runner;
    return new Map([
      ['ServerLive', r.unary('ServerLive', PROBE, () => ({ live: true }))],
      ['ServerReady', r.unary('ServerReady', PROBE, () => ({ ready: this.serverReady() }))],
      [
        'ModelReady',
        r.unary('ModelReady', KEY, (m) => {
          const { name, version } = modelRef(m);
          return { ready: this.inference.isModelReady(name, version) };
        }),
      ],
      [
        'ServerMetadata',
        r.unary('ServerMetadata', KEY, () => ({
          name: SERVER_INFO.name,
          version: SERVER_INFO.version,
          extensions: this.extensions,
        })),
      ],
      [
        'ModelMetadata',
        r.unary('ModelMetadata', KEY, async (m) => {
          const { name, version } = modelRef(m);
          await this.inference.whenResident(name, version);
          return modelMetadataMessage(this.inference.modelMetadata(name, version));
        }),
      ],
      [
        'ModelConfig',
        r.unary('ModelConfig', KEY, async (m) => {
          const { name, version } = modelRef(m);
          await this.inference.whenResident(name, version);
          return { config: modelConfigObject(this.inference.modelConfig(name, version)) };
        }),
      ],
      [
        'ModelStatistics',
        r.unary('ModelStatistics', KEY, (m) => {
          const { name, version } = modelRef(m);
          // As REST: no name, every model; a name, its versions or the one named.
          return modelStatisticsObject(
            this.inference.modelStatistics(name || undefined, name ? version : undefined),
          );
        }),
      ],
    ]);
  }

  private serverReady(): boolean {
    return this.inference.notReady().length === 0;
  }
}
