import { AppConfig } from './app-config';
import { maskCredentials } from './mask-credentials';

/** The effective configuration for the start-up log line, with every secret masked. */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  return maskCredentials({
    ...config,
    adminToken: config.adminToken === undefined ? undefined : '***',
    apiKeys: `${config.apiKeys.length} key(s)`,
  }) as Record<string, unknown>;
}
