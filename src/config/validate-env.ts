import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppConfig } from './app-config';
import { EnvSchema } from './env.schema';
import { maskCredentials } from './mask-credentials';

/**
 * env → EnvSchema → frozen AppConfig. Throws one message naming each bad variable, its value
 * and what is allowed, which stops the boot.
 */
const SECRETS = new Set(['ADMIN_TOKEN', 'API_KEYS']);

export function validateEnv(env: Record<string, unknown>): AppConfig {
  const known = Object.keys(new EnvSchema());
  const present = Object.fromEntries(
    known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const schema = plainToInstance(EnvSchema, present, { exposeDefaultValues: true });
  const errors = validateSync(schema);
  if (errors.length > 0) {
    // Secrets never reach a log line, even when they are wrong; nor do passwords inside URLs.
    const shown = (k: string): string =>
      SECRETS.has(k) ? '"***"' : JSON.stringify(maskCredentials(present[k]));
    const lines = errors.map(
      (e) => `${e.property}=${shown(e.property)}: ${Object.values(e.constraints ?? {}).join(', ')}`,
    );
    throw new Error(`invalid configuration: ${lines.join('; ')}`);
  }
  const keys = apiKeys(schema.API_KEYS, schema.API_KEYS_FILE);
  const repositoryApiEnabled =
    schema.MODEL_CONTROL_MODE === 'explicit' || schema.ENABLE_REPOSITORY_API === 'true';
  // With keys, nothing answers without a credential; an inference key must not load or unload
  // models (or write files), so the repository API needs its own token, or the boot stops here.
  if (keys.length > 0 && repositoryApiEnabled && schema.ADMIN_TOKEN === undefined) {
    throw new Error(
      'invalid configuration: ADMIN_TOKEN must be set when API_KEYS is set and the repository API is on (MODEL_CONTROL_MODE=explicit or ENABLE_REPOSITORY_API=true)',
    );
  }
  return Object.freeze({
    modelRepository: schema.MODEL_REPOSITORY,
    port: schema.PORT,
    host: schema.HOST,
    grpcPort: schema.GRPC_PORT,
    httpAdapter: schema.HTTP_ADAPTER,
    maxRequestBytes: schema.MAX_REQUEST_BYTES,
    maxInflateRatio: schema.MAX_INFLATE_RATIO,
    compressMinBytes: schema.COMPRESS_MIN_BYTES,
    logLevel: schema.LOG_LEVEL,
    logFormat: schema.LOG_FORMAT,
    shutdownDelaySeconds: schema.SHUTDOWN_DELAY_SECONDS,
    shutdownTimeoutSeconds: schema.SHUTDOWN_TIMEOUT_SECONDS,
    modelControlMode: schema.MODEL_CONTROL_MODE,
    repositoryPollSeconds: schema.REPOSITORY_POLL_SECONDS,
    startupModels: schema.STARTUP_MODELS.split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
    repositoryApiEnabled,
    adminToken: schema.ADMIN_TOKEN,
    apiKeys: keys,
    protectMetrics:
      schema.PROTECT_METRICS === 'auto' ? keys.length > 0 : schema.PROTECT_METRICS === 'true',
    authFailuresPerMinute: schema.AUTH_FAILURES_PER_MINUTE,
    rateLimitRps: schema.RATE_LIMIT_RPS,
    maxInflightPerModel: schema.MAX_INFLIGHT_PER_MODEL,
    sessionThreads: schema.SESSION_THREADS,
    sessionThreadHeapMb: schema.SESSION_THREAD_HEAP_MB,
    limits: {
      maxTensorElements: schema.MAX_TENSOR_ELEMENTS,
      maxRequestElements: schema.MAX_REQUEST_ELEMENTS,
      maxBytesElementLength: schema.MAX_BYTES_ELEMENT_LENGTH,
      maxRequestStringBytes: schema.MAX_REQUEST_STRING_BYTES,
    },
    modelBudget: Object.freeze({
      maxLoadedModels: schema.MAX_LOADED_MODELS,
      memoryBudgetBytes: schema.MODEL_MEMORY_BUDGET_MB * 1024 * 1024,
      loadTimeoutMs: schema.MODEL_LOAD_TIMEOUT_SECONDS * 1000,
    }),
    maxInflightBodyBytes: schema.MAX_INFLIGHT_BODY_BYTES,
    httpHeadersTimeoutMs: schema.HTTP_HEADERS_TIMEOUT_MS,
    httpRequestTimeoutMs: schema.HTTP_REQUEST_TIMEOUT_MS,
    metricsEnabled: schema.METRICS_ENABLED === 'true',
    metricsPath: schema.METRICS_PATH,
    docsEnabled: schema.DOCS_ENABLED === 'true',
    consoleEnabled: schema.CONSOLE_ENABLED === 'true',
    defaultModel: schema.DEFAULT_MODEL,
    cache: Object.freeze({
      backend: schema.CACHE_BACKEND,
      maxBytes: schema.CACHE_MAX_BYTES,
      redisUrl: schema.REDIS_URL,
      timeoutMs: schema.CACHE_TIMEOUT_MS,
    }),
  });
}

/** Keys from the comma list and the file (one per line; blank lines and `#` comments skipped). */
function apiKeys(list: string | undefined, file: string | undefined): string[] {
  const fromList = (list ?? '').split(',');
  let fromFile: string[] = [];
  if (file) {
    try {
      fromFile = readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .filter((l) => !l.trim().startsWith('#'));
    } catch (e) {
      throw new Error(
        `invalid configuration: API_KEYS_FILE=${JSON.stringify(file)} cannot be read: ${(e as Error).message}`,
      );
    }
  }
  return [...new Set([...fromList, ...fromFile].map((k) => k.trim()).filter((k) => k.length > 0))];
}
