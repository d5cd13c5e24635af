import { ModelMetadata } from '../../../inference/inference.types';
import { IndexEntry } from '../../v2/repository/v2-repository.service';
import { ModelRefMessage } from './grpc-messages';

/** A model reference from a request: the name, and the version or undefined for `""`. */
export function modelRef(message: unknown): { name: string; version?: string } {
  const { name, version } = message as ModelRefMessage;
  return { name, version: version || undefined };
}

/** ModelMetadata → ModelMetadataResponse (the same fields as REST's `$metadata_model_response`). */
export function modelMetadataMessage(meta: ModelMetadata): object {
  return {
    name: meta.name,
    versions: meta.versions,
    platform: meta.platform,
    inputs: meta.inputs,
    outputs: meta.outputs,
  };
}

/** The repository index → RepositoryIndexResponse; a model with no version has version `""`. */
export function repositoryIndexMessage(entries: readonly IndexEntry[]): object {
  return {
    models: entries.map((e) => ({
      name: e.name,
      version: e.version ?? '',
      state: e.state,
      reason: e.reason,
    })),
  };
}
