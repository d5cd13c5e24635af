import { Injectable } from '@nestjs/common';
import { InvalidInputError, ModelNotFoundError } from '../../../common/errors/serving.errors';
import { clientText } from '../../../common/client-text';
import { MAX_VERSION, MODEL_NAME_PATTERN, parseVersion } from '../../../common/model-name';
import { ModelLifecycleService } from '../../../registry/model-lifecycle.service';
import { ModelRegistryService } from '../../../registry/model-registry.service';
import { ModelRepository } from '../../../registry/model-repository';
import { isServable } from '../../../registry/model-state';
import { ModelUploader, UploadedVersion } from '../../../registry/model-uploader';

/** One `$repository_index_response` entry. */
export interface IndexEntry {
  readonly name: string;
  readonly version?: string;
  readonly state: string;
  readonly reason: string;
}

const FILE_PARAMETER = /^file:([^/]*)\/(.+)$/;

/** Triton's model repository extension over the lifecycle service: index, load (with upload), unload. */
@Injectable()
export class V2RepositoryService {
  constructor(
    private readonly repository: ModelRepository,
    private readonly registry: ModelRegistryService,
    private readonly lifecycle: ModelLifecycleService,
    private readonly uploader: ModelUploader,
  ) {}

  /** Every model in the repository, loaded or not; `readyOnly` keeps the READY versions. */
  async index(readyOnly: boolean): Promise<IndexEntry[]> {
    const loaded = new Map(this.registry.list().map((m) => [m.name, m]));
    const names = (await this.repository.scan(this.lifecycle.root())).map((s) => s.name);
    const entries = names.flatMap((name): IndexEntry[] => {
      const model = loaded.get(name);
      if (!model) return [{ name, state: 'UNAVAILABLE', reason: 'unloaded' }];
      if (model.versions.length === 0)
        return [{ name, state: 'UNAVAILABLE', reason: model.reason ?? '' }];
      return model.versions.map((v) => ({
        name,
        version: String(v.version),
        state: v.state,
        reason: [
          v.reason,
          v.failure && `reload failed: ${v.failure}`,
          model.failure && `reload failed: ${model.failure}`,
        ]
          .filter(Boolean)
          .join('; '),
      }));
    });
    return readyOnly ? entries.filter((e) => e.state === 'READY') : entries;
  }

  /**
   * Loads or reloads `name`. `parameters.config` (JSON text) replaces its config.json for this
   * load; `file:<version>/model.onnx` parameters (base64) publish new version files first, with
   * the config written as the model's config.json. Fails with the load's reason.
   */
  async load(name: string, parameters: Record<string, unknown>): Promise<void> {
    if (!MODEL_NAME_PATTERN.test(name))
      throw new InvalidInputError(`invalid model name '${clientText(name)}'`);
    const config = parameters.config;
    if (config !== undefined && typeof config !== 'string') {
      throw new InvalidInputError(
        'parameters.config must be a string holding the model configuration JSON',
      );
    }
    const files = uploadedFiles(parameters);
    if (files.length > 0) {
      if (config === undefined)
        throw new InvalidInputError('file: parameters need parameters.config as well');
      await this.uploader.publish(this.lifecycle.root(), name, files, config);
    }
    const status = await this.lifecycle.load(name, files.length > 0 ? undefined : config);
    const problem =
      status.reason ??
      status.failure ??
      status.versions.find((v) => !isServable(v.state) || v.failure)?.reason;
    const failure = problem || status.versions.find((v) => v.failure)?.failure;
    if (failure) throw new InvalidInputError(`failed to load model '${name}': ${failure}`);
  }

  async unload(name: string): Promise<void> {
    if (!this.registry.list().some((m) => m.name === name)) {
      throw new ModelNotFoundError(`model '${name}' is not loaded`);
    }
    await this.lifecycle.unload(name);
  }
}

function uploadedFiles(parameters: Record<string, unknown>): UploadedVersion[] {
  return Object.entries(parameters).flatMap(([key, value]): UploadedVersion[] => {
    if (!key.startsWith('file:')) return [];
    const match = FILE_PARAMETER.exec(key);
    if (!match || match[2] !== 'model.onnx') {
      throw new InvalidInputError(
        `parameter '${clientText(key)}': only file:<version>/model.onnx can be uploaded; handler code (model.ts, model.js) loads only from the repository on disk`,
      );
    }
    const version = parseVersion(match[1]);
    if (version === undefined) {
      throw new InvalidInputError(
        `parameter '${clientText(key)}': the version must be a positive integer up to ${MAX_VERSION}`,
      );
    }
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      throw new InvalidInputError(
        `parameter '${clientText(key)}' must be the file's content in base64`,
      );
    }
    return [{ version, bytes: Buffer.from(value, 'base64') }];
  });
}
