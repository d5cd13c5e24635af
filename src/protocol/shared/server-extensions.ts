import { AppConfig } from '../../config/app-config';

/** Triton extensions Perch implements; only what really works is listed. */
const EXTENSIONS: readonly string[] = [
  'binary_tensor_data',
  'classification',
  'model_configuration',
  'statistics',
];

/**
 * The extensions server metadata advertises, over REST and gRPC alike; the repository extension
 * only when its endpoints answer.
 */
export function serverExtensions(config: Pick<AppConfig, 'repositoryApiEnabled'>): string[] {
  return config.repositoryApiEnabled ? [...EXTENSIONS, 'model_repository'] : [...EXTENSIONS];
}
