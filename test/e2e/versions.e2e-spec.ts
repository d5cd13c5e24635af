import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempRepository } from '../helpers/temp-repository';
import { call, FIXTURE_MODELS, startApp, TestApp, waitForOutput } from '../helpers/test-app';

const TOKEN = 'versions-admin-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
/** 2^53 + 1: JavaScript reads it as 2^53, a version Perch would then serve under the wrong number. */
const PAST = '9007199254740993';
const LIMIT = '9007199254740991';
const model = readFileSync(join(FIXTURE_MODELS, 'simple', '1', 'model.onnx'));
const simpleInfer = {
  inputs: ['INPUT0', 'INPUT1'].map((name) => ({
    name,
    shape: [1, 16],
    datatype: 'INT32',
    data: new Array(16).fill(1),
  })),
};

describe(`versions stop at ${LIMIT} (Number.MAX_SAFE_INTEGER)`, () => {
  let app: TestApp;
  let repo: { path: string; remove(): void };

  beforeAll(async () => {
    repo = tempRepository([
      { name: 'simple', from: 'simple', config: { version_policy: { all: {} } } },
    ]);
    for (const version of [PAST, '9999999999999999', LIMIT]) {
      mkdirSync(join(repo.path, 'simple', version));
      copyFileSync(
        join(FIXTURE_MODELS, 'simple', '1', 'model.onnx'),
        join(repo.path, 'simple', version, 'model.onnx'),
      );
    }
    app = await startApp({
      MODEL_REPOSITORY: repo.path,
      ENABLE_REPOSITORY_API: 'true',
      ADMIN_TOKEN: TOKEN,
    });
  });
  afterAll(async () => {
    await app.close();
    repo.remove();
  });

  it('skips version directories past the limit with a warning, and serves the rest', async () => {
    const res = await call(app, 'GET', '/v2/models/simple');
    expect(res.json()).toMatchObject({ versions: ['1', LIMIT] });
    const output = await waitForOutput(app, (o) => o.includes('9999999999999999'));
    expect(output).toContain(`skipping 'simple/${PAST}': versions stop at ${LIMIT}`);
    expect(output).toContain(`skipping 'simple/9999999999999999': versions stop at ${LIMIT}`);
  });

  it.each([
    ['GET', `/v2/models/simple/versions/${PAST}`, PAST],
    ['GET', `/v2/models/simple/versions/${PAST}/ready`, PAST],
    ['POST', `/v2/models/simple/versions/${PAST}/infer`, PAST],
    ['GET', '/v2/models/simple/versions/9999999999999999', '9999999999999999'],
    ['POST', `/v1/models/simple/versions/${PAST}:predict`, PAST],
  ])('answers %s %s with 400 naming the limit', async (method, path, version) => {
    const body = path.startsWith('/v1')
      ? { inputs: { INPUT0: [[1]], INPUT1: [[1]] } }
      : simpleInfer;
    const res = await call(app, method, path, method === 'POST' ? body : undefined);
    expect(res.status).toBe(400);
    expect(res.json<{ error: string }>().error).toContain(
      `invalid version '${version}' for model 'simple': expected a positive integer up to ${LIMIT}`,
    );
  });

  it('still serves the largest version there is', async () => {
    const res = await call(app, 'POST', `/v2/models/simple/versions/${LIMIT}/infer`, simpleInfer);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ model_version: LIMIT });
  });

  it.each([PAST, '9999999999999999'])(
    'refuses an upload as version %s with 400, writing nothing',
    async (version) => {
      const res = await call(
        app,
        'POST',
        '/v2/repository/models/uploaded/load',
        { parameters: { config: '{}', [`file:${version}/model.onnx`]: model.toString('base64') } },
        auth,
      );
      expect(res.status).toBe(400);
      expect(res.json<{ error: string }>().error).toContain(
        `parameter 'file:${version}/model.onnx': the version must be a positive integer up to ${LIMIT}`,
      );
      expect(existsSync(join(repo.path, 'uploaded'))).toBe(false);
      expect(readdirSync(repo.path).filter((n) => n.startsWith('.'))).toEqual([]);
    },
  );

  it('refuses a config.json naming a specific version past the limit with 400', async () => {
    const config = `{"version_policy": {"specific": {"versions": [1, ${PAST}]}}}`;
    const res = await call(
      app,
      'POST',
      '/v2/repository/models/simple/load',
      { parameters: { config } },
      auth,
    );
    expect(res.status).toBe(400);
    expect(res.json<{ error: string }>().error).toContain(
      `version_policy.specific.versions must each be at most ${LIMIT}`,
    );
  });
});
