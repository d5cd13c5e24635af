import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppConfig } from './app-config';
import { EnvSchema } from './env.schema';

/**
 * env → EnvSchema → frozen AppConfig. Throws one message naming each bad variable, its value
 * and what is allowed, which stops the boot.
 */
export function validateEnv(env: Record<string, unknown>): AppConfig {
  const known = Object.keys(new EnvSchema());
  const present = Object.fromEntries(
    known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const schema = plainToInstance(EnvSchema, present, { exposeDefaultValues: true });
  const errors = validateSync(schema);
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `${e.property}=${JSON.stringify(present[e.property])}: ${Object.values(e.constraints ?? {}).join(', ')}`,
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
    cache: Object.freeze({
      backend: schema.CACHE_BACKEND,
      maxBytes: schema.CACHE_MAX_BYTES,
      redisUrl: schema.REDIS_URL,
      timeoutMs: schema.CACHE_TIMEOUT_MS,
    }),
  });
}
