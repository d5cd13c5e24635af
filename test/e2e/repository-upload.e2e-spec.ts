import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

const TOKEN = 'upload-admin-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const model = readFileSync(join(FIXTURE_MODELS, 'simple', '1', 'model.onnx')).toString('base64');
const config = readFileSync(join(FIXTURE_MODELS, 'simple', 'config.json'), 'utf8');

/** Every entry under `dir`, with each file's bytes and each link's target: what must not change. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, name);
    const stat = lstatSync(p);
    out[name] = stat.isFile()
      ? readFileSync(p).toString('base64')
      : stat.isSymbolicLink()
        ? `link → ${realpathSync(p)}`
        : `dir ${stat.mode}`;
  }
  return out;
}

describe('repository uploads never follow a symlink out of the repository', () => {
  let app: TestApp;
  let base: string;
  let repo: string;
  let outside: string;
  let pristine: Record<string, string>;

  beforeAll(async () => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'perch-upload-')));
    repo = join(base, 'models');
    outside = join(base, 'outside');
    mkdirSync(join(outside, '5'), { recursive: true });
    writeFileSync(join(outside, '5', 'precious.txt'), 'do not delete');
    writeFileSync(join(outside, 'config.json'), '{"precious": true}');
    cpSync(join(FIXTURE_MODELS, 'simple'), join(repo, 'simple'), { recursive: true });
    // A model directory that is a symlink out, and a real one whose version 5 is.
    symlinkSync(outside, join(repo, 'evil'));
    symlinkSync(join(outside, '5'), join(repo, 'simple', '5'));
    pristine = snapshot(outside);
    app = await startApp({
      MODEL_REPOSITORY: repo,
      MODEL_CONTROL_MODE: 'explicit',
      STARTUP_MODELS: 'simple',
      ADMIN_TOKEN: TOKEN,
    });
  });
  afterAll(async () => {
    await app.close();
    rmSync(base, { recursive: true, force: true });
  });

  it.each([
    ['a symlinked model directory', 'evil', "model 'evil': the directory is a symbolic link"],
    [
      'a symlinked version directory',
      'simple',
      "model 'simple' version 5: the directory is a symbolic link",
    ],
  ])(
    'refuses an upload into %s with 400, changing nothing outside',
    async (_case, name, reason) => {
      const res = await call(
        app,
        'POST',
        `/v2/repository/models/${name}/load`,
        { parameters: { config, 'file:5/model.onnx': model } },
        auth,
      );
      expect(snapshot(outside)).toEqual(pristine);
      expect(res.status).toBe(400);
      expect(res.json<{ error: string }>().error).toContain(reason);
      expect(readdirSync(repo).filter((n) => n.startsWith('.'))).toEqual([]);
    },
  );

  it('still publishes into a real model directory', async () => {
    const res = await call(
      app,
      'POST',
      '/v2/repository/models/simple/load',
      { parameters: { config, 'file:6/model.onnx': model } },
      auth,
    );
    expect(res.status).toBe(200);
    expect(lstatSync(join(repo, 'simple', '6', 'model.onnx')).isFile()).toBe(true);
  });
});
