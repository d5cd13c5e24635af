import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

const TOKEN = 'test-admin-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const simpleBody = {
  inputs: ['INPUT0', 'INPUT1'].map((name) => ({
    name,
    shape: [1, 16],
    datatype: 'INT32',
    data: new Array(16).fill(3),
  })),
};

describe('repository API (MODEL_CONTROL_MODE=explicit, ADMIN_TOKEN set)', () => {
  let app: TestApp;
  let repo: string;
  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'perch-explicit-'));
    for (const name of ['simple', 'versioned'])
      cpSync(join(FIXTURE_MODELS, name), join(repo, name), { recursive: true });
    app = await startApp({
      MODEL_REPOSITORY: repo,
      MODEL_CONTROL_MODE: 'explicit',
      STARTUP_MODELS: 'simple',
      ADMIN_TOKEN: TOKEN,
    });
  });
  afterAll(async () => {
    await app.close();
    rmSync(repo, { recursive: true, force: true });
  });

  it('advertises model_repository', async () => {
    expect((await call(app, 'GET', '/v2')).json<{ extensions: string[] }>().extensions).toContain(
      'model_repository',
    );
  });

  it.each([
    [{}, 401, 'requires Authorization: Bearer'],
    [{ authorization: 'Basic abc' }, 401, 'requires Authorization: Bearer'],
    [{ authorization: 'Bearer wrong-token' }, 403, 'the admin token is not valid'],
  ])('refuses %j with %i in the error format', async (headers, status, message) => {
    const res = await call(app, 'POST', '/v2/repository/index', '{}', headers);
    expect(res.status).toBe(status);
    expect(res.json<{ error: string }>().error).toContain(message);
    if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('indexes every model, loaded or not, with a ready filter', async () => {
    const index = await call(app, 'POST', '/v2/repository/index', '', auth);
    expect(index.json()).toEqual([
      { name: 'simple', version: '1', state: 'READY', reason: '' },
      { name: 'versioned', state: 'UNAVAILABLE', reason: 'unloaded' },
    ]);
    const ready = await call(app, 'POST', '/v2/repository/index', { ready: true }, auth);
    expect(ready.json()).toEqual([{ name: 'simple', version: '1', state: 'READY', reason: '' }]);
    expect((await call(app, 'GET', '/v2/models/versioned')).status).toBe(404);
  });

  it('loads and unloads a model', async () => {
    const load = await call(app, 'POST', '/v2/repository/models/versioned/load', '', auth);
    expect(load.status).toBe(200);
    const infer = await call(app, 'POST', '/v2/models/versioned/infer', {
      inputs: [{ name: 'x', shape: [1], datatype: 'FP32', data: [1] }],
    });
    expect(infer.json()).toMatchObject({ model_version: '3', outputs: [{ data: [4] }] });
    const unload = await call(
      app,
      'POST',
      '/v2/repository/models/versioned/unload',
      { parameters: { unload_dependents: false } },
      auth,
    );
    expect(unload.status).toBe(200);
    const gone = await call(app, 'POST', '/v2/models/versioned/infer', {
      inputs: [{ name: 'x', shape: [1], datatype: 'FP32', data: [1] }],
    });
    expect(gone.status).toBe(404);
    expect((await call(app, 'GET', '/health/ready')).status).toBe(200);
  });

  it('loads with a config override from parameters.config', async () => {
    const config = JSON.stringify({ version_policy: { specific: { versions: [1] } } });
    expect(
      (
        await call(
          app,
          'POST',
          '/v2/repository/models/versioned/load',
          { parameters: { config } },
          auth,
        )
      ).status,
    ).toBe(200);
    expect((await call(app, 'GET', '/v2/models/versioned')).json()).toMatchObject({
      versions: ['1'],
    });
  });

  it('publishes an uploaded model version and serves it', async () => {
    const file = readFileSync(join(FIXTURE_MODELS, 'simple', '1', 'model.onnx')).toString('base64');
    const config = readFileSync(join(FIXTURE_MODELS, 'simple', 'config.json'), 'utf8');
    const res = await call(
      app,
      'POST',
      '/v2/repository/models/uploaded/load',
      { parameters: { config, 'file:7/model.onnx': file } },
      auth,
    );
    expect(res.status).toBe(200);
    const infer = await call(app, 'POST', '/v2/models/uploaded/infer', simpleBody);
    expect(infer.json()).toMatchObject({
      model_name: 'uploaded',
      model_version: '7',
      outputs: [{ data: new Array(16).fill(6) }, { data: new Array(16).fill(0) }],
    });
    expect(existsSync(join(repo, 'uploaded', '7', 'model.onnx'))).toBe(true);
    expect(readdirSync(repo).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it.each([
    [
      'an upload without a config',
      { 'file:1/model.onnx': 'AAAA' },
      'file: parameters need parameters.config',
    ],
    [
      'an upload of another file',
      { config: '{}', 'file:1/weights.bin': 'AAAA' },
      'only file:<version>/model.onnx',
    ],
    [
      'a file that is not base64',
      { config: '{}', 'file:1/model.onnx': '***' },
      "must be the file's content in base64",
    ],
    [
      'an uploaded file that is not a model',
      { config: '{}', 'file:1/model.onnx': Buffer.from('junk').toString('base64') },
      "failed to load model 'broken'",
    ],
    [
      'a config that does not parse',
      { config: '{"max_batch_size": -1}' },
      "failed to load model 'broken'",
    ],
  ])('answers 400 for %s', async (_case, parameters, message) => {
    const res = await call(app, 'POST', '/v2/repository/models/broken/load', { parameters }, auth);
    expect(res.status).toBe(400);
    expect(res.json<{ error: string }>().error).toContain(message);
  });

  it('answers 404 for loading a model the repository lacks, and for unloading one not loaded', async () => {
    expect((await call(app, 'POST', '/v2/repository/models/nothing/load', '', auth)).status).toBe(
      404,
    );
    expect((await call(app, 'POST', '/v2/repository/models/nothing/unload', '', auth)).status).toBe(
      404,
    );
  });
});
