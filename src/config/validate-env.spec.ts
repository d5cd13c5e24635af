import { validateEnv } from './validate-env';

describe('validateEnv', () => {
  it('applies the documented defaults', () => {
    expect(validateEnv({})).toEqual({
      modelRepository: './models',
      port: 8080,
      host: '0.0.0.0',
      maxRequestBytes: 67108864,
      logLevel: 'log',
      defaultModel: 'langid',
    });
  });

  it('reads every variable and ignores unrelated ones', () => {
    const config = validateEnv({
      MODEL_REPOSITORY: '/models',
      PORT: '9000',
      HOST: '127.0.0.1',
      MAX_REQUEST_BYTES: '2048',
      LOG_LEVEL: 'warn',
      DEFAULT_MODEL: 'iris',
      HOME: '/root',
    });
    expect(config).toEqual({
      modelRepository: '/models',
      port: 9000,
      host: '127.0.0.1',
      maxRequestBytes: 2048,
      logLevel: 'warn',
      defaultModel: 'iris',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT="eighty"'],
    [{ PORT: '70000' }, 'PORT must not be greater than 65535'],
    [{ MAX_REQUEST_BYTES: '10' }, 'MAX_REQUEST_BYTES must not be less than 1024'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of the following values'],
    [
      { DEFAULT_MODEL: '../iris' },
      'DEFAULT_MODEL="../iris": DEFAULT_MODEL must be a valid model name',
    ],
  ])('stops the boot on %j naming the variable', (env, message) => {
    expect(() => validateEnv(env)).toThrow(message);
  });
});
