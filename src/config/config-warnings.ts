import { AppConfig } from './app-config';

/** Settings that run but leave something open; logged once at start-up, at warn. */
export function configWarnings(config: AppConfig): string[] {
  const warnings: string[] = [];
  if (config.repositoryApiEnabled && config.adminToken === undefined) {
    warnings.push(
      'the repository API (load, unload, file upload) answers every client that reaches the port: set ADMIN_TOKEN to require a token',
    );
  }
  return warnings;
}
