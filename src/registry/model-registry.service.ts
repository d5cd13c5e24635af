import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  InvalidInputError,
  ModelNotFoundError,
  ModelNotReadyError,
} from '../common/errors/serving.errors';
import { MODEL_NAME_PATTERN, VERSION_PATTERN } from '../common/model-name';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MODEL_RUNNER, ModelRunner } from '../inference/runtime/model-runner';
import { ModelConfig } from './model-config';
import { parseModelConfig } from './model-config.parser';
import { completeSignature } from './model-signature';
import { ModelRepository } from './model-repository';
import { ModelSource } from './model-source';
import { ModelStatus, ServedVersion, VersionStatus } from './model-state';
import { selectVersions } from './version-policy';

/**
 * Lifecycle only: holds every model version's state and session. Loading starts when the app
 * boots and runs in the background, so liveness answers at once and readiness tells the truth
 * (LOADING, then READY or UNAVAILABLE with a reason) while it runs.
 */
@Injectable()
export class ModelRegistryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ModelRegistryService.name);
  private readonly models = new Map<string, ModelStatus>();
  private loading: Promise<void> = Promise.resolve();
  private realRoot = '';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MODEL_RUNNER) private readonly runner: ModelRunner,
    private readonly repository: ModelRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.realRoot = await this.repository.resolveRoot(this.config.modelRepository);
    const sources = await this.repository.scan(this.realRoot);
    for (const source of sources) this.register(source);
    this.loading = Promise.all(sources.map((s) => this.loadModel(s))).then(() => {
      const notReady = this.notReady().length;
      this.logger.log(
        `model repository loaded: ${this.models.size} models, ${notReady} versions not ready`,
      );
    });
  }

  /** Settles when the start-up load has finished, whatever its outcome. */
  whenLoaded(): Promise<void> {
    return this.loading;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loading;
    const sessions = [...this.models.values()].flatMap((m) =>
      m.versions.flatMap((v) => v.session ?? []),
    );
    this.models.clear();
    await Promise.all(sessions.map((s) => s.dispose()));
  }

  /** Each model version that is not READY, with its state and reason; empty when the server can serve all. */
  notReady(): NotReadyVersion[] {
    return this.list().flatMap((m): NotReadyVersion[] => {
      if (m.reason !== undefined && m.versions.length === 0) {
        return [{ model: m.name, version: null, state: 'UNAVAILABLE', reason: m.reason }];
      }
      return m.versions
        .filter((v) => v.state !== 'READY')
        .map((v) => ({ model: m.name, version: v.version, state: v.state, reason: v.reason }));
    });
  }

  /** Every model with the versions its policy asks for, by name. */
  list(): ModelStatus[] {
    return [...this.models.values()];
  }

  /** The model, or ModelNotFoundError. Rejects malformed names before any lookup. */
  get(name: string): ModelStatus {
    if (!MODEL_NAME_PATTERN.test(name))
      throw new InvalidInputError(`invalid model name '${name.slice(0, 64)}'`);
    const model = this.models.get(name);
    if (!model) throw new ModelNotFoundError(`unknown model '${name}'`);
    return model;
  }

  /** One version's status: the one asked for, or the newest the policy serves when `version` is undefined. */
  getVersion(name: string, version: string | undefined): VersionStatus {
    const model = this.get(name);
    if (version === undefined) {
      const ready = model.versions.filter((v) => v.state === 'READY');
      const chosen = ready.at(-1) ?? model.versions.at(-1);
      if (!chosen)
        throw new ModelNotReadyError(
          `model '${name}' is UNAVAILABLE: ${model.reason ?? 'no versions'}`,
        );
      return chosen;
    }
    if (!VERSION_PATTERN.test(version)) {
      throw new InvalidInputError(
        `invalid version '${version.slice(0, 32)}' for model '${name}': expected a positive integer`,
      );
    }
    const status = model.versions.find((v) => v.version === Number(version));
    if (!status) {
      const served = model.versions.map((v) => v.version).join(', ') || 'none';
      throw new ModelNotFoundError(`model '${name}' has no version ${version} (served: ${served})`);
    }
    return status;
  }

  /** The version to run, or ModelNotReadyError naming its state and reason. */
  serve(name: string, version: string | undefined): ServedVersion {
    const status = this.getVersion(name, version);
    if (
      status.state !== 'READY' ||
      !status.session ||
      !status.signature ||
      status.fingerprint === undefined
    ) {
      const reason = status.reason ? `: ${status.reason}` : '';
      throw new ModelNotReadyError(
        `model '${name}' version ${status.version} is ${status.state}${reason}`,
      );
    }
    const { config } = this.get(name);
    if (!config) throw new ModelNotReadyError(`model '${name}' has no valid configuration`);
    return {
      name,
      version: status.version,
      session: status.session,
      signature: status.signature,
      config,
      fingerprint: status.fingerprint,
    };
  }

  private register(source: ModelSource): void {
    const versions = source.versions.map((v): VersionStatus => ({
      version: v.version,
      state: 'LOADING',
      reason: '',
    }));
    this.models.set(source.name, { name: source.name, versions });
  }

  private async loadModel(source: ModelSource): Promise<void> {
    let config: ModelConfig;
    try {
      if (source.error) throw new Error(source.error);
      config = parseModelConfig(source.name, source.configText);
    } catch (e) {
      return this.fail(
        source.name,
        source.versions.map((v) => v.version),
        (e as Error).message,
      );
    }
    const wanted = selectVersions(
      config.versionPolicy,
      source.versions.map((v) => v.version),
    );
    if (wanted.length === 0)
      return this.fail(source.name, [], 'no version directory with a model.onnx');
    const initial = wanted.map((version): VersionStatus => ({
      version,
      state: 'LOADING',
      reason: '',
    }));
    this.models.set(source.name, { name: source.name, versions: initial, config });
    await Promise.all(
      wanted.map(async (version) => {
        const found = source.versions.find((v) => v.version === version);
        const status = found
          ? await this.loadVersion(config, found)
          : unavailable(
              version,
              `version ${version} is named by version_policy but has no model.onnx`,
            );
        this.setVersion(source.name, status);
      }),
    );
  }

  private async loadVersion(
    config: ModelConfig,
    source: ModelSource['versions'][number],
  ): Promise<VersionStatus> {
    const { version } = source;
    try {
      const bytes = await this.repository.readModelFile(this.realRoot, source);
      // Hashed before load: the runner may transfer the buffer to a worker thread.
      const fingerprint = createHash('sha256').update(bytes).digest('hex');
      const threads = Number(config.parameters.intra_op_thread_count);
      const session = await this.runner.load(bytes, {
        intraOpThreads: Number.isInteger(threads) && threads > 0 ? threads : undefined,
        instances: config.instanceCount,
        batching: config.dynamicBatching && {
          maxBatchSize: config.maxBatchSize,
          ...config.dynamicBatching,
        },
      });
      try {
        const signature = completeSignature(config, session);
        this.logger.log(`loaded model '${config.name}' version ${version}`);
        return { version, state: 'READY', reason: '', session, signature, fingerprint };
      } catch (e) {
        await session.dispose();
        throw e;
      }
    } catch (e) {
      const reason = `failed to load: ${(e as Error).message}`;
      this.logger.error(`model '${config.name}' version ${version} ${reason}`);
      return unavailable(version, reason);
    }
  }

  private fail(name: string, versions: number[], reason: string): void {
    this.logger.error(`model '${name}' is UNAVAILABLE: ${reason}`);
    const list = versions.map((v) => unavailable(v, reason));
    this.models.set(name, { name, versions: list, reason });
  }

  private setVersion(name: string, status: VersionStatus): void {
    const model = this.models.get(name);
    if (!model) return;
    const versions = model.versions.map((v) => (v.version === status.version ? status : v));
    this.models.set(name, { ...model, versions });
  }
}

/** One line of the readiness report; `version` is null when the model as a whole failed. */
export interface NotReadyVersion {
  readonly model: string;
  readonly version: number | null;
  readonly state: string;
  readonly reason: string;
}

function unavailable(version: number, reason: string): VersionStatus {
  return { version, state: 'UNAVAILABLE', reason };
}
