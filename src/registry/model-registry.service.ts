import { Injectable, Logger } from '@nestjs/common';
import {
  InvalidInputError,
  ModelNotFoundError,
  ModelNotReadyError,
} from '../common/errors/serving.errors';
import { clientText } from '../common/client-text';
import { MAX_VERSION, MODEL_NAME_PATTERN, parseVersion } from '../common/model-name';
import {
  isServable,
  LeasedVersion,
  ModelStatus,
  ServedVersion,
  VersionStatus,
} from './model-state';
import { VersionHandle } from './version-handle';
import { ModelLifecycleEvent, ModelLifecycleListener } from './model-lifecycle';

/** One line of the readiness report; `version` is null when the model as a whole failed. */
export interface NotReadyVersion {
  readonly model: string;
  readonly version: number | null;
  readonly state: string;
  readonly reason: string;
}

/**
 * What is loaded, and only that: the table of models and versions the data plane and the probes
 * read. ModelLifecycleService is the one writer (load, reload, unload); reads never block.
 */
@Injectable()
export class ModelRegistryService {
  private readonly logger = new Logger(ModelRegistryService.name);
  private readonly models = new Map<string, ModelStatus>();
  private readonly listeners: ModelLifecycleListener[] = [];
  private shuttingDown = false;

  /** Subscribes to every lifecycle step from now on (loading, ready, failed, unloaded). */
  onLifecycle(listener: ModelLifecycleListener): void {
    this.listeners.push(listener);
  }

  /** Tells the listeners of a lifecycle step (ModelLifecycleService only). A listener's fault never fails a load. */
  emit(event: ModelLifecycleEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        this.logger.error(`lifecycle listener failed: ${(e as Error).message}`);
      }
    }
  }

  /** From now on readiness is false, whatever the models: the server is draining to exit. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  /** Each model version that is not READY, with its state and reason; empty when the server can serve all. */
  notReady(): NotReadyVersion[] {
    const draining: NotReadyVersion[] = this.shuttingDown
      ? [{ model: '*', version: null, state: 'UNLOADING', reason: 'the server is shutting down' }]
      : [];
    return draining.concat(this.modelsNotReady());
  }

  private modelsNotReady(): NotReadyVersion[] {
    return this.list().flatMap((m): NotReadyVersion[] => {
      if (m.reason !== undefined && m.versions.length === 0) {
        return [{ model: m.name, version: null, state: 'UNAVAILABLE', reason: m.reason }];
      }
      // A STANDBY version answers after a load, as ModelMesh counts it (docs/memory.md).
      return m.versions
        .filter((v) => !isServable(v.state))
        .map((v) => ({ model: m.name, version: v.version, state: v.state, reason: v.reason }));
    });
  }

  /** Every loaded (or loading, or failed) model with the versions its policy asks for. */
  list(): ModelStatus[] {
    return [...this.models.values()];
  }

  /** The model, or ModelNotFoundError. Rejects malformed names before any lookup. */
  get(name: string): ModelStatus {
    if (!MODEL_NAME_PATTERN.test(name))
      throw new InvalidInputError(`invalid model name '${clientText(name)}'`);
    const model = this.models.get(name);
    if (!model) throw new ModelNotFoundError(`unknown model '${name}'`);
    return model;
  }

  /** One version's status: the one asked for, or the newest servable one when `version` is undefined. */
  getVersion(name: string, version: string | undefined): VersionStatus {
    const model = this.get(name);
    if (version === undefined) {
      const chosen =
        model.versions.filter((v) => isServable(v.state)).at(-1) ?? model.versions.at(-1);
      if (!chosen)
        throw new ModelNotReadyError(
          `model '${name}' is UNAVAILABLE: ${model.reason ?? 'no versions'}`,
        );
      return chosen;
    }
    const wanted = parseVersion(version);
    if (wanted === undefined) {
      throw new InvalidInputError(
        `invalid version '${clientText(version)}' for model '${name}': expected a positive integer up to ${MAX_VERSION}`,
      );
    }
    const status = model.versions.find((v) => v.version === wanted);
    if (!status) {
      const served = model.versions.map((v) => v.version).join(', ') || 'none';
      throw new ModelNotFoundError(`model '${name}' has no version ${version} (served: ${served})`);
    }
    return status;
  }

  /** The version to describe or run, or ModelNotReadyError naming its state and reason. */
  serve(name: string, version: string | undefined): ServedVersion {
    const status = this.getVersion(name, version);
    const handle = status.handle;
    if (status.state !== 'READY' || !handle) {
      const reason = status.reason ? `: ${status.reason}` : '';
      throw new ModelNotReadyError(
        `model '${name}' version ${status.version} is ${status.state}${reason}`,
      );
    }
    return {
      name,
      version: status.version,
      session: handle.session,
      signature: handle.signature,
      config: handle.config,
      labels: handle.labels,
      fingerprint: handle.fileSha256,
    };
  }

  /** serve(), holding the version until release(): a reload or unload waits for it before disposing. */
  lease(name: string, version: string | undefined): LeasedVersion {
    const served = this.serve(name, version);
    const handle = this.getVersion(name, String(served.version)).handle as VersionHandle;
    const release = handle.lease();
    return { ...served, inFlight: handle.inFlight, release };
  }

  /** Replaces a model's entry (ModelLifecycleService only). */
  set(status: ModelStatus): void {
    this.models.set(status.name, status);
  }

  /** Replaces one version's status within a model's entry (ModelLifecycleService only). */
  setVersion(name: string, status: VersionStatus): void {
    const model = this.models.get(name);
    if (!model) return;
    this.models.set(name, {
      ...model,
      versions: model.versions.map((v) => (v.version === status.version ? status : v)),
    });
  }

  /** Drops a model from serving (ModelLifecycleService only); requests for it then get 404. */
  remove(name: string): void {
    this.models.delete(name);
  }
}
