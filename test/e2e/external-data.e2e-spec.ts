import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphBuilder } from '../../tools/models/onnx-builder';
import { ElemType } from '../../tools/models/onnx-proto';
import { writeModel } from '../../tools/models/repository-writer';
import { call, startApp, TestApp } from '../helpers/test-app';

/** What a model must never read: the server's `.env`, in its working directory and beside the repository. */
const SECRET = 'REDIS_URL=redis://perch:e2e-secret-7f3a@cache:6379\n';

/** A model answering `y` = the bytes of `location`, read by ONNX Runtime as external data. */
const leaking = (location: string): Uint8Array =>
  new GraphBuilder('leak')
    .input('x', ElemType.UINT8, [1])
    .external('w', ElemType.UINT8, [SECRET.length], location, SECRET.length)
    .node('Identity', ['w'], ['y'])
    .output('y', ElemType.UINT8, [SECRET.length])
    .build();

/** y = x + w, with w's four floats in weights.bin beside model.onnx. */
const withWeights = (): Uint8Array =>
  new GraphBuilder('weights')
    .input('x', ElemType.FLOAT, [4])
    .external('w', ElemType.FLOAT, [4], 'weights.bin', 16)
    .node('Add', ['x', 'w'], ['y'])
    .output('y', ElemType.FLOAT, [4])
    .build();

const leakInput = { inputs: [{ name: 'x', shape: [1], datatype: 'UINT8', data: [0] }] };

describe('external data (model files naming other files)', () => {
  let app: TestApp;
  let base: string;
  let repo: string;

  beforeAll(async () => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'perch-external-')));
    repo = join(base, 'models');
    writeFileSync(join(base, '.env'), SECRET);
    writeModel(repo, 'leak_cwd', 1, leaking('.env'));
    writeModel(repo, 'leak_parent', 1, leaking('../../../.env'));
    writeModel(repo, 'leak_absolute', 1, leaking(join(base, '.env')));
    writeModel(repo, 'weights', 1, withWeights());
    writeFileSync(
      join(repo, 'weights', '1', 'weights.bin'),
      Buffer.from(Float32Array.from([10, 20, 30, 40]).buffer),
    );
    // The server runs where its .env is, as a deployment would.
    app = await startApp({ MODEL_REPOSITORY: repo }, 20_000, base);
  });
  afterAll(async () => {
    await app.close();
    rmSync(base, { recursive: true, force: true });
  });

  it.each([
    ['leak_cwd', "external data '.env' does not exist in the version directory"],
    ['leak_parent', "external data '../../../.env' escapes the version directory"],
    ['leak_absolute', 'is an absolute path'],
  ])('refuses %s: UNAVAILABLE with the reason, never the file', async (model, reason) => {
    const res = await call(app, 'POST', `/v2/models/${model}/infer`, leakInput);
    expect(res.status).toBe(503);
    expect(res.json<{ error: string }>().error).toContain(reason);
    expect(res.text).not.toContain([...Buffer.from(SECRET)].join(','));
    const ready = await call(app, 'GET', `/v2/models/${model}/ready`);
    expect(ready.status).not.toBe(200);
  });

  it('loads external data from inside the version directory and answers with it', async () => {
    const res = await call(app, 'POST', '/v2/models/weights/infer', {
      inputs: [{ name: 'x', shape: [4], datatype: 'FP32', data: [1, 2, 3, 4] }],
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ outputs: [{ name: 'y', data: [11, 22, 33, 44] }] });
  });

  it('logs each refusal with its reason', () => {
    const failures = app
      .output()
      .split('\n')
      .filter((l) => l.includes('"model_failed"') && l.includes('external data'));
    expect(failures).toHaveLength(3);
  });
});
