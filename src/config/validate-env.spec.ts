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
      shutdownDelaySeconds: 5,
      shutdownTimeoutSeconds: 30,
      modelControlMode: 'none',
      repositoryPollSeconds: 5,
      startupModels: [],
      repositoryApiEnabled: false,
      adminToken: undefined,
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
      SHUTDOWN_DELAY_SECONDS: '0',
      SHUTDOWN_TIMEOUT_SECONDS: '9',
      MODEL_CONTROL_MODE: 'poll',
      REPOSITORY_POLL_SECONDS: '2',
      STARTUP_MODELS: 'a, b,',
      ENABLE_REPOSITORY_API: 'true',
      ADMIN_TOKEN: 'a-token-of-32-characters-or-more',
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
      shutdownDelaySeconds: 0,
      shutdownTimeoutSeconds: 9,
      modelControlMode: 'poll',
      repositoryPollSeconds: 2,
      startupModels: ['a', 'b'],
      repositoryApiEnabled: true,
      adminToken: 'a-token-of-32-characters-or-more',
    });
    expect(Object.isFrozen(config)).toBe(true);
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
  ])('stops the boot on %j naming the variable', (env, message) => {
    expect(() => validateEnv(env)).toThrow(message);
  });
});
