import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EXAMPLE_MODELS } from '../helpers/test-app';

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
});
