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
      metricsEnabled: true,
      metricsPath: '/metrics',
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
      METRICS_ENABLED: 'false',
      METRICS_PATH: '/internal/prometheus',
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
      metricsEnabled: false,
      metricsPath: '/internal/prometheus',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT="eighty"'],
    [{ PORT: '70000' }, 'PORT must not be greater than 65535'],
    [{ MAX_REQUEST_BYTES: '10' }, 'MAX_REQUEST_BYTES must not be less than 1024'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of the following values'],
    [
      { METRICS_ENABLED: 'yes' },
      'METRICS_ENABLED must be one of the following values: true, false',
    ],
    [{ METRICS_PATH: 'metrics' }, 'METRICS_PATH must be an absolute path'],
    [{ METRICS_PATH: '/v2/metrics' }, 'outside /v1, /v2 and /health'],
    [{ METRICS_PATH: '/health' }, 'outside /v1, /v2 and /health'],
    [{ METRICS_PATH: '/metrics/' }, 'METRICS_PATH must be an absolute path'],
    [{ METRICS_PATH: '/a b' }, 'METRICS_PATH must be an absolute path'],
  ])('stops the boot on %j naming the variable', (env, message) => {
    expect(() => validateEnv(env)).toThrow(message);
  });
});
