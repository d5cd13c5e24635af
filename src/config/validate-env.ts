import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppConfig } from './app-config';
import { EnvSchema } from './env.schema';

/**
 * env → EnvSchema → frozen AppConfig. Throws one message naming each bad variable, its value
 * and what is allowed, which stops the boot.
 */
const SECRETS = new Set(['ADMIN_TOKEN']);

export function validateEnv(env: Record<string, unknown>): AppConfig {
  const known = Object.keys(new EnvSchema());
  const present = Object.fromEntries(
    known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const schema = plainToInstance(EnvSchema, present, { exposeDefaultValues: true });
  const errors = validateSync(schema);
  if (errors.length > 0) {
    // Secrets never reach a log line, even when they are wrong.
    const shown = (k: string): string => (SECRETS.has(k) ? '"***"' : JSON.stringify(present[k]));
    const lines = errors.map(
      (e) => `${e.property}=${shown(e.property)}: ${Object.values(e.constraints ?? {}).join(', ')}`,
    );
    throw new Error(`invalid configuration: ${lines.join('; ')}`);
  }
  return Object.freeze({
    modelRepository: schema.MODEL_REPOSITORY,
    port: schema.PORT,
    host: schema.HOST,
    httpAdapter: schema.HTTP_ADAPTER,
    maxRequestBytes: schema.MAX_REQUEST_BYTES,
    compressMinBytes: schema.COMPRESS_MIN_BYTES,
    logLevel: schema.LOG_LEVEL,
    shutdownDelaySeconds: schema.SHUTDOWN_DELAY_SECONDS,
    shutdownTimeoutSeconds: schema.SHUTDOWN_TIMEOUT_SECONDS,
    modelControlMode: schema.MODEL_CONTROL_MODE,
    repositoryPollSeconds: schema.REPOSITORY_POLL_SECONDS,
    startupModels: schema.STARTUP_MODELS.split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
    repositoryApiEnabled:
      schema.MODEL_CONTROL_MODE === 'explicit' || schema.ENABLE_REPOSITORY_API === 'true',
    adminToken: schema.ADMIN_TOKEN,
  });
}
