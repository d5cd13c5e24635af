import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ModelNotFoundError } from '../common/errors/serving.errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ModelConfig, OutputLabels } from './model-config';
import { parseLabelFile } from './model-labels';
import { parseModelConfig } from './model-config.parser';
import { ModelRegistryService } from './model-registry.service';
import { repositorySummary } from './repository-summary';
import { ModelRepository } from './model-repository';
import { fingerprintOf, ModelSource, VersionSource, versionStamp } from './model-source';
import { ModelStatus, readyVersion, VersionStatus } from './model-state';
import { ModelVersionLoader } from './model-version-loader';
import { ResidencyPolicy } from './residency-policy';
import { VersionHandle } from './version-handle';
import { selectVersions } from './version-policy';

/**
 * The one writer of the registry: loads at start-up (per MODEL_CONTROL_MODE), reloads and unloads.
 * Operations on one model run one at a time. A reload loads changed versions beside the serving
 * ones, swaps each in only once READY, and retires the old handle after its in-flight requests; a
 * failed reload leaves the previous version serving and records why.
 */
@Injectable()
export class ModelLifecycleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ModelLifecycle');
  private readonly locks = new Map<string, Promise<unknown>>();
  /** In-memory config.json replacements from the repository API's `parameters.config`. */
  private readonly overrides = new Map<string, string>();
  private readonly retiring = new Set<Promise<void>>();
  /** fingerprintOf() each model's files as last applied: the poller's starting point. */
  private readonly applied = new Map<string, string>();
  private realRoot = '';
  private startupDone!: () => void;
  /** Settles when the start-up load has finished; created up front so others can wait before boot runs. */
  private readonly startup = new Promise<void>((resolve) => (this.startupDone = resolve));

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ModelRepository,
    private readonly registry: ModelRegistryService,
    private readonly loader: ModelVersionLoader,
    private readonly residency: ResidencyPolicy,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.realRoot = await this.repository.resolveRoot(this.config.modelRepository);
    const sources = await this.repository.scan(this.realRoot);
    const startup = this.config.startupModels;
    const chosen =
      this.config.modelControlMode !== 'explicit' || startup.includes('*')
        ? sources
        : sources.filter((s) => startup.includes(s.name));
    for (const s of chosen) {
      this.registry.set({
        name: s.name,
        versions: s.versions.map((v) => status(v.version, 'LOADING', '')),
      });
    }
    void Promise.all(chosen.map((s) => this.locked(s.name, () => this.apply(s)))).then(() => {
      this.logger.log(`model repository loaded: ${repositorySummary(this.registry.list())}`);
      this.startupDone();
    });
  }

  /** The repository's real path (after start-up). */
  root(): string {
    return this.realRoot;
  }

  /** Settles when the start-up load has finished, whatever its outcome. */
  whenLoaded(): Promise<void> {
    return this.startup;
  }

  /**
   * Loads or reloads a model from the repository. `configText`, when given, replaces its
   * config.json until a later load without one. Resolves with the resulting status.
   */
  load(name: string, configText?: string): Promise<ModelStatus> {
    return this.locked(name, async () => {
      if (configText === undefined) this.overrides.delete(name);
      else this.overrides.set(name, configText);
      const source = await this.repository.scanModel(this.realRoot, name);
      if (!source) throw new ModelNotFoundError(`model '${name}' is not in the model repository`);
      await this.apply(source);
      return this.registry.get(name);
    });
  }

  /** Stops serving a model at once; its sessions close after their in-flight requests finish. */
  unload(name: string): Promise<void> {
    return this.locked(name, async () => {
      const model = this.registry.get(name);
      this.registry.remove(name);
      model.versions.forEach((v) => v.handle && this.retire(name, v.version, v.handle));
    });
  }

  /**
   * Loads one STANDBY version (its first request under a residency budget). Settles once it is
   * READY or UNAVAILABLE with the reason; does nothing if it is no longer STANDBY by then.
   */
  warm(name: string, version: number): Promise<void> {
    return this.locked(name, async () => {
      const model = this.registry.list().find((m) => m.name === name);
      const current = model?.versions.find((v) => v.version === version);
      if (!model?.config || current?.state !== 'STANDBY') return;
      const source = await this.repository.scanModel(this.realRoot, name);
      const configText = this.overrides.get(name) ?? source?.configText;
      const next = await this.prepareVersion(
        name,
        { config: model.config, labels: model.labels ?? {} },
        source?.versions.find((v) => v.version === version),
        version,
        current,
        configText,
      );
      this.registry.setVersion(name, next);
    });
  }

  /**
   * Evicts one resident version to keep the residency budget: it becomes STANDBY and its session
   * closes. Resolves false (and changes nothing) when, by the time the model's earlier operations
   * have settled, the version holds another handle or a request.
   */
  evict(name: string, version: number, handle: VersionHandle): Promise<boolean> {
    return this.locked(name, () => {
      const current = this.registry
        .list()
        .find((m) => m.name === name)
        ?.versions.find((v) => v.version === version);
      if (current?.handle !== handle || handle.inFlight > 0) return Promise.resolve(false);
      this.registry.setVersion(name, status(version, 'STANDBY', ''));
      this.registry.emit({ kind: 'evicted', model: name, version, bytes: handle.footprintBytes });
      this.retire(name, version, handle);
      return Promise.resolve(true);
    });
  }

  /** What each model's files looked like when last applied (see fingerprintOf). */
  appliedFingerprints(): ReadonlyMap<string, string> {
    return this.applied;
  }

  /** Names of the models now loaded (in any state). */
  loaded(): string[] {
    return this.registry.list().map((m) => m.name);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.startup;
    for (const m of this.registry.list()) {
      m.versions.forEach((v) => v.handle && this.retire(m.name, v.version, v.handle));
    }
    await Promise.all(this.retiring);
  }

  private async apply(source: ModelSource): Promise<void> {
    const { name } = source;
    this.applied.set(name, fingerprintOf(source));
    const current = this.registry.list().find((m) => m.name === name);
    const configText = this.overrides.get(name) ?? source.configText;
    let config: ModelConfig;
    let labels: OutputLabels;
    try {
      if (source.error) throw new Error(source.error);
      config = parseModelConfig(name, configText);
      labels = await this.readLabels(name, config);
    } catch (e) {
      return this.failModel(source, current, (e as Error).message);
    }
    const wanted = selectVersions(
      config.versionPolicy,
      source.versions.map((v) => v.version),
    );
    if (wanted.length === 0)
      return this.failModel(
        source,
        current,
        'no version directory with a model.onnx, model.ts or model.js',
      );
    const previous = new Map(current?.versions.map((v) => [v.version, v]));
    const cold = this.residency.startsCold(name, config);
    if (!current)
      this.registry.set({ name, versions: wanted.map((v) => status(v, 'LOADING', '')) });
    // Load beside what serves; the table changes only once every load has settled.
    const results = await Promise.all(
      wanted.map((v) =>
        this.prepareVersion(
          name,
          { config, labels },
          source.versions.find((s) => s.version === v),
          v,
          previous.get(v),
          configText,
          cold,
        ),
      ),
    );
    const serving = current?.versions.filter((v) => v.handle) ?? [];
    if (!results.some((r) => r.handle || r.state === 'STANDBY') && serving.length > 0) {
      const reason = results.map((r) => r.reason).join('; ');
      const keeps = `${reason} (the previous versions keep serving)`;
      this.registry.emit({ kind: 'failed', model: name, version: null, reason: keeps });
      this.registry.set({ ...(current as ModelStatus), failure: reason });
      return;
    }
    this.registry.set({ name, config, labels, versions: results });
    const kept = new Set(results.map((r) => r.handle));
    serving.forEach(
      (v) => v.handle && !kept.has(v.handle) && this.retire(name, v.version, v.handle),
    );
  }

  /** The status one wanted version will have: unchanged, freshly loaded, or failed (keeping its old load if any). */
  private async prepareVersion(
    name: string,
    { config, labels }: { config: ModelConfig; labels: OutputLabels },
    source: VersionSource | undefined,
    version: number,
    prev: VersionStatus | undefined,
    configText: string | undefined,
    cold = false,
  ): Promise<VersionStatus> {
    if (!source)
      return status(
        version,
        'UNAVAILABLE',
        `version ${version} is named by version_policy but has no model.onnx`,
      );
    const fingerprint = `${versionStamp(source)}|${configText ?? ''}`;
    if (prev?.handle && prev.handle.fingerprint === fingerprint) return prev;
    // Under a residency budget a version not in memory stays out until a request asks for it.
    if (cold && !prev?.handle) return status(version, 'STANDBY', '');
    const started = performance.now();
    this.registry.emit({ kind: 'loading', model: name, version });
    try {
      const handle = await this.loader.load(this.realRoot, config, source, fingerprint, labels);
      const durationMs = performance.now() - started;
      const { placement } = handle.session;
      this.registry.emit({ kind: 'ready', model: name, version, durationMs, placement });
      return readyVersion(version, handle);
    } catch (e) {
      const reason = `failed to load: ${(e as Error).message}`;
      const keeps = prev?.handle ? ' (the previous load keeps serving)' : '';
      const durationMs = performance.now() - started;
      this.registry.emit({
        kind: 'failed',
        model: name,
        version,
        reason: reason + keeps,
        durationMs,
      });
      return prev?.handle
        ? readyVersion(version, prev.handle, reason)
        : status(version, 'UNAVAILABLE', reason);
    }
  }

  /** The label files config.json names (label_filename), read inside the model's directory. */
  private async readLabels(name: string, config: ModelConfig): Promise<OutputLabels> {
    const labels: Record<string, readonly string[]> = Object.create(null);
    for (const output of config.outputs) {
      if (output.labelFilename === undefined) continue;
      labels[output.name] = parseLabelFile(
        await this.repository.readSideFile(this.realRoot, name, output.labelFilename),
      );
    }
    return labels;
  }

  /** A model whose config cannot be used: older versions keep serving if there are any. */
  private failModel(source: ModelSource, current: ModelStatus | undefined, reason: string): void {
    if (current?.versions.some((v) => v.handle)) {
      const keeps = `${reason} (the previous load keeps serving)`;
      this.registry.emit({ kind: 'failed', model: source.name, version: null, reason: keeps });
      this.registry.set({ ...current, failure: reason });
      return;
    }
    this.registry.emit({ kind: 'failed', model: source.name, version: null, reason });
    this.registry.set({
      name: source.name,
      versions: source.versions.map((v) => status(v.version, 'UNAVAILABLE', reason)),
      reason,
    });
  }

  private retire(model: string, version: number, handle: VersionHandle): void {
    const started = performance.now();
    const done = handle
      .retire()
      .then(() =>
        this.registry.emit({
          kind: 'unloaded',
          model,
          version,
          durationMs: performance.now() - started,
        }),
      )
      .finally(() => this.retiring.delete(done));
    this.retiring.add(done);
  }

  /** Runs `work` after every earlier operation on the same model has settled. */
  private locked<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(name) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.locks.set(name, next);
    return next;
  }
}

function status(version: number, state: VersionStatus['state'], reason: string): VersionStatus {
  return { version, state, reason };
}
