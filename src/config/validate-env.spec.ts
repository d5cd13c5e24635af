import { validateEnv } from './validate-env';

describe('validateEnv', () => {
  it('applies the documented defaults', () => {
    expect(validateEnv({})).toEqual({
      modelRepository: './models',
      port: 8080,
      host: '0.0.0.0',
      httpAdapter: 'express',
      maxRequestBytes: 67108864,
      compressMinBytes: 1024,
      logLevel: 'log',
      cache: {
        backend: 'memory',
        maxBytes: 67108864,
        redisUrl: 'redis://127.0.0.1:6379',
        timeoutMs: 20,
      },
    });
  });

  it('reads every variable and ignores unrelated ones', () => {
    const config = validateEnv({
      MODEL_REPOSITORY: '/models',
      PORT: '9000',
      HOST: '127.0.0.1',
      HTTP_ADAPTER: 'fastify',
      MAX_REQUEST_BYTES: '2048',
      COMPRESS_MIN_BYTES: '0',
      LOG_LEVEL: 'warn',
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
      httpAdapter: 'fastify',
      maxRequestBytes: 2048,
      compressMinBytes: 0,
      logLevel: 'warn',
      cache: { backend: 'redis', maxBytes: 4096, redisUrl: 'redis://cache:6380/2', timeoutMs: 50 },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.cache)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT="eighty"'],
    [{ PORT: '70000' }, 'PORT must not be greater than 65535'],
    [{ MAX_REQUEST_BYTES: '10' }, 'MAX_REQUEST_BYTES must not be less than 1024'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of the following values'],
    [{ CACHE_BACKEND: 'disk' }, 'CACHE_BACKEND must be one of the following values'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ CACHE_TIMEOUT_MS: '0' }, 'CACHE_TIMEOUT_MS must not be less than 1'],
  ])('stops the boot on %j naming the variable', (env, message) => {
    expect(() => validateEnv(env)).toThrow(message);
  });
});
