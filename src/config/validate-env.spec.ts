import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultInflightBodyBytes } from './memory-defaults';
import { validateEnv } from './validate-env';

describe('validateEnv', () => {
  it('applies the documented defaults', () => {
    expect(validateEnv({})).toEqual({
      modelRepository: './models',
      port: 8080,
      host: '0.0.0.0',
      grpcPort: 8081,
      httpAdapter: 'express',
      maxRequestBytes: 67108864,
      maxInflateRatio: 100,
      compressMinBytes: 0,
      logLevel: 'log',
      logFormat: 'auto',
      shutdownDelaySeconds: 5,
      shutdownTimeoutSeconds: 30,
      modelControlMode: 'none',
      repositoryPollSeconds: 5,
      startupModels: [],
      repositoryApiEnabled: false,
      adminToken: undefined,
      apiKeys: [],
      protectMetrics: false,
      authFailuresPerMinute: 30,
      rateLimitRps: 0,
      maxInflightPerModel: 512,
      // A quarter of the memory limit: of this machine, whatever runs the test.
      maxInflightBodyBytes: defaultInflightBodyBytes(),
      modelBudget: { maxLoadedModels: 0, memoryBudgetBytes: 0, loadTimeoutMs: 60_000 },
      sessionThreads: 0,
      sessionThreadHeapMb: 0,
      limits: {
        maxTensorElements: 16777216,
        maxRequestElements: 33554432,
        maxBytesElementLength: 1048576,
        maxRequestStringBytes: 4194304,
      },
      httpHeadersTimeoutMs: 10000,
      httpRequestTimeoutMs: 60000,
      metricsEnabled: true,
      metricsPath: '/metrics',
      docsEnabled: true,
      consoleEnabled: true,
      defaultModel: 'langid',
      cache: {
        backend: 'memory',
        maxBytes: 67108864,
        redisUrl: 'redis://127.0.0.1:6379',
        timeoutMs: 20,
      },
    });
  });

  it.each([
    [{}, false],
    [{ API_KEYS: 'k' }, true],
    [{ API_KEYS: 'k', PROTECT_METRICS: 'false' }, false],
    [{ PROTECT_METRICS: 'true' }, true],
  ])('PROTECT_METRICS=auto protects metrics exactly when keys are set: %j', (env, expected) => {
    expect(validateEnv(env).protectMetrics).toBe(expected);
  });

  it.each([
    [{ API_KEYS: 'k', MODEL_CONTROL_MODE: 'explicit' }],
    [{ API_KEYS: 'k', ENABLE_REPOSITORY_API: 'true' }],
  ])('refuses API_KEYS with the repository API and no ADMIN_TOKEN: %j', (env) => {
    expect(() => validateEnv(env)).toThrow('ADMIN_TOKEN must be set when API_KEYS is set');
    expect(() => validateEnv({ ...env, ADMIN_TOKEN: 'x'.repeat(16) })).not.toThrow();
  });

  it('reads every variable and ignores unrelated ones', () => {
    const config = validateEnv({
      MODEL_REPOSITORY: '/models',
      PORT: '9000',
      HOST: '127.0.0.1',
      GRPC_PORT: '0',
      HTTP_ADAPTER: 'fastify',
      MAX_REQUEST_BYTES: '2048',
      MAX_INFLATE_RATIO: '0',
      COMPRESS_MIN_BYTES: '512',
      LOG_LEVEL: 'warn',
      SHUTDOWN_DELAY_SECONDS: '0',
      SHUTDOWN_TIMEOUT_SECONDS: '9',
      MODEL_CONTROL_MODE: 'poll',
      REPOSITORY_POLL_SECONDS: '2',
      STARTUP_MODELS: 'a, b,',
      ENABLE_REPOSITORY_API: 'true',
      ADMIN_TOKEN: 'a-token-of-32-characters-or-more',
      API_KEYS: 'k1, k2,k1',
      PROTECT_METRICS: 'true',
      AUTH_FAILURES_PER_MINUTE: '7',
      RATE_LIMIT_RPS: '50',
      MAX_INFLIGHT_PER_MODEL: '8',
      MAX_LOADED_MODELS: '50',
      MODEL_MEMORY_BUDGET_MB: '256',
      MODEL_LOAD_TIMEOUT_SECONDS: '5',
      MAX_INFLIGHT_BODY_BYTES: '1000000',
      SESSION_THREADS: '3',
      SESSION_THREAD_HEAP_MB: '64',
      MAX_TENSOR_ELEMENTS: '100',
      MAX_REQUEST_ELEMENTS: '200',
      MAX_BYTES_ELEMENT_LENGTH: '10',
      MAX_REQUEST_STRING_BYTES: '20',
      HTTP_HEADERS_TIMEOUT_MS: '2000',
      HTTP_REQUEST_TIMEOUT_MS: '3000',
      METRICS_ENABLED: 'false',
      METRICS_PATH: '/internal/prometheus',
      DOCS_ENABLED: 'false',
      CONSOLE_ENABLED: 'false',
      LOG_FORMAT: 'json',
      DEFAULT_MODEL: 'iris',
      CACHE_BACKEND: 'redis',
      CACHE_MAX_BYTES: '4096',
      REDIS_URL: 'redis://cache:6380/2',
      CACHE_TIMEOUT_MS: '50',
      HOME: '/root',
    });
    expect(config).toEqual({
      modelRepository: '/models',
      port: 9000,
      host: '127.0.0.1',
      grpcPort: 0,
      httpAdapter: 'fastify',
      maxRequestBytes: 2048,
      maxInflateRatio: 0,
      compressMinBytes: 512,
      logLevel: 'warn',
      logFormat: 'json',
      shutdownDelaySeconds: 0,
      shutdownTimeoutSeconds: 9,
      modelControlMode: 'poll',
      repositoryPollSeconds: 2,
      startupModels: ['a', 'b'],
      repositoryApiEnabled: true,
      adminToken: 'a-token-of-32-characters-or-more',
      apiKeys: ['k1', 'k2'],
      protectMetrics: true,
      authFailuresPerMinute: 7,
      rateLimitRps: 50,
      maxInflightPerModel: 8,
      maxInflightBodyBytes: 1_000_000,
      modelBudget: {
        maxLoadedModels: 50,
        memoryBudgetBytes: 256 * 1024 * 1024,
        loadTimeoutMs: 5000,
      },
      sessionThreads: 3,
      sessionThreadHeapMb: 64,
      limits: {
        maxTensorElements: 100,
        maxRequestElements: 200,
        maxBytesElementLength: 10,
        maxRequestStringBytes: 20,
      },
      httpHeadersTimeoutMs: 2000,
      httpRequestTimeoutMs: 3000,
      metricsEnabled: false,
      metricsPath: '/internal/prometheus',
      docsEnabled: false,
      consoleEnabled: false,
      defaultModel: 'iris',
      cache: { backend: 'redis', maxBytes: 4096, redisUrl: 'redis://cache:6380/2', timeoutMs: 50 },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.cache)).toBe(true);
  });

  it('reads API keys from a file too, skipping blanks and comments', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'perch-keys-')), 'keys');
    writeFileSync(file, '# rotated 2026-11\nfile-key-1\n\n file-key-2 \n');
    expect(validateEnv({ API_KEYS: 'k1', API_KEYS_FILE: file }).apiKeys).toEqual([
      'k1',
      'file-key-1',
      'file-key-2',
    ]);
    expect(() => validateEnv({ API_KEYS_FILE: '/nonexistent/keys' })).toThrow(
      'API_KEYS_FILE="/nonexistent/keys" cannot be read',
    );
  });

  it('turns the repository API on in explicit mode', () => {
    expect(validateEnv({ MODEL_CONTROL_MODE: 'explicit' }).repositoryApiEnabled).toBe(true);
  });

  it('never prints a secret, even a wrong one', () => {
    expect(() => validateEnv({ ADMIN_TOKEN: 'short-secret' })).toThrow(
      'ADMIN_TOKEN="***": ADMIN_TOKEN must be at least 16 characters',
    );
    expect(() => validateEnv({ ADMIN_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT="eighty"'],
    [{ PORT: '70000' }, 'PORT must not be greater than 65535'],
    [{ MAX_REQUEST_BYTES: '10' }, 'MAX_REQUEST_BYTES must not be less than 1024'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of the following values'],
    [
      { MODEL_CONTROL_MODE: 'watch' },
      'MODEL_CONTROL_MODE must be one of the following values: none, poll, explicit',
    ],
    [
      { ENABLE_REPOSITORY_API: 'yes' },
      'ENABLE_REPOSITORY_API must be one of the following values: true, false',
    ],
    [
      { METRICS_ENABLED: 'yes' },
      'METRICS_ENABLED must be one of the following values: true, false',
    ],
    [{ METRICS_PATH: 'metrics' }, 'METRICS_PATH must be an absolute path'],
    [{ METRICS_PATH: '/v2/metrics' }, 'outside /v1, /v2, /health'],
    [{ METRICS_PATH: '/health' }, 'outside /v1, /v2, /health'],
    [{ METRICS_PATH: '/docs' }, '/docs, /console and /openapi.json'],
    [{ METRICS_PATH: '/console' }, '/docs, /console and /openapi.json'],
    [{ METRICS_PATH: '/openapi.json' }, '/docs, /console and /openapi.json'],
    [{ DOCS_ENABLED: 'yes' }, 'DOCS_ENABLED'],
    [{ CONSOLE_ENABLED: 'no' }, 'CONSOLE_ENABLED'],
    [{ LOG_FORMAT: 'text' }, 'LOG_FORMAT'],
    [{ METRICS_PATH: '/metrics/' }, 'METRICS_PATH must be an absolute path'],
    [{ METRICS_PATH: '/a b' }, 'METRICS_PATH must be an absolute path'],
    [
      { DEFAULT_MODEL: '../iris' },
      'DEFAULT_MODEL="../iris": DEFAULT_MODEL must be a valid model name',
    ],
    [{ CACHE_BACKEND: 'disk' }, 'CACHE_BACKEND must be one of the following values'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ CACHE_TIMEOUT_MS: '0' }, 'CACHE_TIMEOUT_MS must not be less than 1'],
  ])('stops the boot on %j naming the variable', (env, message) => {
    expect(() => validateEnv(env)).toThrow(message);
  });
});

describe('defaultInflightBodyBytes', () => {
  it.each([
    [4 * 1024 ** 3, 1024 ** 3],
    [2 * 1024 ** 3, 512 * 1024 ** 2],
  ])('is a quarter of a %d-byte limit', (limit, expected) => {
    expect(defaultInflightBodyBytes(limit)).toBe(expected);
  });
});
