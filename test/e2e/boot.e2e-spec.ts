import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EXAMPLE_MODELS, startApp } from '../helpers/test-app';

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

function boot(env: Record<string, string>): { status: number | null; output: string } {
  const res = spawnSync(process.execPath, [MAIN], {
    env: { ...process.env, NO_COLOR: '1', HOST: '127.0.0.1', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('boot', () => {
  it.each([
    [{ PORT: 'http' }, 'PORT="http"'],
    [{ MAX_REQUEST_BYTES: '-5' }, 'MAX_REQUEST_BYTES="-5"'],
    [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL="chatty": LOG_LEVEL must be one of'],
  ])('stops on invalid configuration %j with one line naming it', (env, message) => {
    const { status, output } = boot({ MODEL_REPOSITORY: EXAMPLE_MODELS, ...env });
    expect(status).toBe(1);
    expect(output).toContain(`perch failed to start: invalid configuration: ${message}`);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('stops when the model repository does not exist', () => {
    const { status, output } = boot({ MODEL_REPOSITORY: '/nonexistent/models' });
    expect(status).toBe(1);
    expect(output).toContain(
      'perch failed to start: MODEL_REPOSITORY /nonexistent/models does not exist',
    );
  });

  describe('never prints the Redis password', () => {
    const PASSWORD = 'e2e-redis-pw-41c9';

    it('masks it in the boot error of an invalid REDIS_URL', () => {
      const { status, output } = boot({
        MODEL_REPOSITORY: EXAMPLE_MODELS,
        REDIS_URL: `redis://perch:${PASSWORD}@ cache:6379`,
      });
      expect(status).toBe(1);
      expect(output).toContain(
        'perch failed to start: invalid configuration: REDIS_URL="redis://perch:***@ cache:6379"',
      );
      expect(output).not.toContain(PASSWORD);
    });

    it('masks it in the start-up configuration line and the cache line', async () => {
      // Port 1: nothing listens, so the cache only logs that Redis is unreachable.
      const app = await startApp({
        MODEL_REPOSITORY: EXAMPLE_MODELS,
        CACHE_BACKEND: 'redis',
        REDIS_URL: `redis://perch:${PASSWORD}@127.0.0.1:1/0`,
        // The configuration line is a debug line.
        LOG_LEVEL: 'debug',
      });
      await app.close();
      const output = app.output();
      const line = output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => String((JSON.parse(l) as { msg: unknown }).msg))
        .find((m) => m.startsWith('configuration: '));
      const config = JSON.parse(String(line).slice('configuration: '.length)) as {
        cache: { redisUrl: string };
      };
      expect(config.cache.redisUrl).toBe('redis://perch:***@127.0.0.1:1/0');
      expect(output).toContain('response cache: redis at redis://perch:***@127.0.0.1:1/0');
      expect(output).not.toContain(PASSWORD);
    });
  });
});
