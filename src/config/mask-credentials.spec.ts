import { describeConfig } from './describe-config';
import { maskCredentials, maskUrlCredentials } from './mask-credentials';
import { validateEnv } from './validate-env';

describe('maskUrlCredentials', () => {
  it.each([
    ['redis://perch:s3cret@cache:6379', 'redis://perch:***@cache:6379'],
    ['rediss://perch:s3cret@cache:6380/2', 'rediss://perch:***@cache:6380/2'],
    ['redis://:s3cret@cache:6379', 'redis://:***@cache:6379'],
    ['redis://s3cret@cache:6379', 'redis://***@cache:6379'],
    ['redis://perch:p@ss/w rd@cache:6379', 'redis://perch:***@cache:6379'],
    ['redis://perch:s3cret@ cache', 'redis://perch:***@ cache'],
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['./models', './models'],
    ['user@example.com', 'user@example.com'],
  ])('shows %j as %j', (value, shown) => {
    expect(maskUrlCredentials(value)).toBe(shown);
  });

  it('masks strings at any depth, leaving other values as they are', () => {
    expect(
      maskCredentials({
        port: 1,
        cache: { url: 'redis://u:p@h', on: true },
        list: ['redis://u:p@h'],
      }),
    ).toEqual({ port: 1, cache: { url: 'redis://u:***@h', on: true }, list: ['redis://u:***@h'] });
  });

  it('is what the start-up configuration line shows', () => {
    const config = validateEnv({ REDIS_URL: 'redis://perch:s3cret@cache:6379' });
    const line = JSON.stringify(describeConfig(config));
    expect(line).toContain('"redisUrl":"redis://perch:***@cache:6379"');
    expect(line).not.toContain('s3cret');
  });

  it('is what a configuration error shows', () => {
    expect(() => validateEnv({ REDIS_URL: 'redis://perch:s3cret@ cache:6379' })).toThrow(
      'REDIS_URL="redis://perch:***@ cache:6379": REDIS_URL must be a redis:// or rediss:// URL',
    );
  });
});
