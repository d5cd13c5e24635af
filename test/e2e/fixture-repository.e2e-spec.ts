import { call, FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

/** The fixture repository holds working models beside a corrupt file and a contradicting config.json. */
describe('a repository with broken models', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  it('stays live', async () => {
    expect((await call(app, 'GET', '/health/live')).status).toBe(200);
    expect((await call(app, 'GET', '/v2/health/live')).json()).toEqual({ live: true });
  });

  it('is not ready, and says which models and why', async () => {
    const res = await call(app, 'GET', '/health/ready');
    expect(res.status).toBe(503);
    const body = res.json<{
      error: { models: { notReady: { model: string; reason: string }[] } };
    }>();
    const reasons = Object.fromEntries(body.error.models.notReady.map((n) => [n.model, n.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['bad_config', 'corrupt']);
    expect(reasons.bad_config).toBe(
      "failed to load: config.json input 'INPUT0': data_type is FP32 but model.onnx declares INT32",
    );
    expect(reasons.corrupt).toMatch(/^failed to load: .*protobuf/i);
    const v2 = await call(app, 'GET', '/v2/health/ready');
    expect(v2.status).toBe(503);
    expect(v2.json()).toEqual({ ready: false });
  });

  it.each(['corrupt', 'bad_config'])('answers 503 with the reason for %s', async (model) => {
    const meta = await call(app, 'GET', `/v2/models/${model}`);
    expect(meta.status).toBe(503);
    expect(meta.json<{ error: string }>().error).toMatch(
      new RegExp(`^model '${model}' version 1 is UNAVAILABLE: failed to load`),
    );
    const ready = await call(app, 'GET', `/v2/models/${model}/ready`);
    expect(ready.status).toBe(503);
    expect(ready.json()).toEqual({ name: model, ready: false });
    const infer = await call(app, 'POST', `/v2/models/${model}/infer`, { inputs: [] });
    expect(infer.status).toBe(503);
  });

  it('serves the working models beside them', async () => {
    const res = await call(app, 'POST', '/v2/models/simple/infer', {
      inputs: [
        { name: 'INPUT0', shape: [1, 16], datatype: 'INT32', data: new Array(16).fill(2) },
        { name: 'INPUT1', shape: [1, 16], datatype: 'INT32', data: new Array(16).fill(3) },
      ],
      outputs: [{ name: 'OUTPUT1' }],
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      outputs: [{ name: 'OUTPUT1', data: new Array(16).fill(-1) }],
    });
  });

  describe('versions', () => {
    it('lists the versions the policy serves (latest 2 of 3)', async () => {
      expect((await call(app, 'GET', '/v2/models/versioned')).json()).toMatchObject({
        versions: ['2', '3'],
      });
    });

    it.each([
      ['/v2/models/versioned/infer', '3', 13],
      ['/v2/models/versioned/versions/3/infer', '3', 13],
      ['/v2/models/versioned/versions/2/infer', '2', 12],
    ])('%s runs version %s', async (path, version, result) => {
      const res = await call(app, 'POST', path, {
        inputs: [{ name: 'x', shape: [1], datatype: 'FP32', data: [10] }],
      });
      expect(res.json()).toEqual({
        model_name: 'versioned',
        model_version: version,
        outputs: [{ name: 'y', datatype: 'FP32', shape: [1], data: [result] }],
      });
    });

    // The KServe SDK's REST client writes model_name (and model_version) into every V2 body.
    it.each([
      ['model_name alone', '/v2/models/versioned/infer', { model_name: 'versioned' }, 200, '3'],
      [
        'a body version where the path has none',
        '/v2/models/versioned/infer',
        { model_name: 'versioned', model_version: '2' },
        200,
        '2',
      ],
      [
        'the same version as the path',
        '/v2/models/versioned/versions/2/infer',
        { model_version: '2' },
        200,
        '2',
      ],
      [
        'another model name',
        '/v2/models/versioned/infer',
        { model_name: 'simple' },
        400,
        "the body's model_name 'simple' does not match the model 'versioned' in the path",
      ],
      [
        'another version than the path',
        '/v2/models/versioned/versions/3/infer',
        { model_version: '2' },
        400,
        "the body's model_version '2' does not match version 3 in the path",
      ],
      [
        'a body version that is not served',
        '/v2/models/versioned/infer',
        { model_version: '1' },
        404,
        "model 'versioned' has no version 1 (served: 2, 3)",
      ],
      [
        'a numeric model_name',
        '/v2/models/versioned/infer',
        { model_name: 7 },
        400,
        'model_name must be a string',
      ],
    ])('a body with %s', async (_case, path, fields, status, expected) => {
      const res = await call(app, 'POST', path, {
        ...fields,
        inputs: [{ name: 'x', shape: [1], datatype: 'FP32', data: [10] }],
      });
      expect(res.status).toBe(status);
      if (status === 200) expect(res.json()).toMatchObject({ model_version: expected });
      else expect(res.json<{ error: string }>().error).toContain(expected);
    });

    it.each([
      ['/v2/models/versioned/versions/1', 404, "model 'versioned' has no version 1 (served: 2, 3)"],
      ['/v2/models/versioned/versions/9/ready', 404, 'has no version 9'],
      ['/v2/models/versioned/versions/abc', 400, "invalid version 'abc'"],
      ['/v2/models/versioned/versions/01', 400, "invalid version '01'"],
      ['/v2/models/versioned/versions/-1', 400, "invalid version '-1'"],
    ])('GET %s → %i', async (path, status, message) => {
      const res = await call(app, 'GET', path);
      expect(res.status).toBe(status);
      expect(res.json<{ error: string }>().error).toContain(message);
    });
  });

  describe('every datatype of the spec', () => {
    const values: Record<string, unknown[]> = {
      BOOL: [true, false, true],
      UINT8: [0, 128, 255],
      UINT16: [0, 1000, 65535],
      UINT32: [0, 70000, 4294967295],
      UINT64: [0, 1, 9007199254740991],
      INT8: [-128, 0, 127],
      INT16: [-32768, 0, 32767],
      INT32: [-2147483648, 0, 2147483647],
      INT64: [-9007199254740991, 0, 9007199254740991],
      FP16: [0.5, -2, 65504],
      FP32: [0.25, -1.5, 3.4e38],
      FP64: [1e-300, -0.1, 1e300],
      BYTES: ['', 'ascii', 'ünïcödé 慢走。'],
    };

    it('auto-completes metadata from the file when there is no config.json', async () => {
      const meta = (await call(app, 'GET', '/v2/models/identity_all')).json<{
        inputs: unknown[];
      }>();
      expect(meta.inputs).toHaveLength(13);
      expect(meta.inputs).toContainEqual({ name: 'IN_FP16', datatype: 'FP16', shape: [-1] });
    });

    it('round-trips each one through the model unchanged', async () => {
      const inputs = Object.entries(values).map(([type, data]) => ({
        name: `IN_${type}`,
        shape: [3],
        datatype: type,
        data,
      }));
      const res = await call(app, 'POST', '/v2/models/identity_all/infer', { inputs });
      expect(res.status).toBe(200);
      const outputs = res.json<{ outputs: { name: string; datatype: string; data: unknown[] }[] }>()
        .outputs;
      for (const [type, data] of Object.entries(values)) {
        const out = outputs.find((o) => o.name === `OUT_${type}`);
        expect(out?.datatype).toBe(type);
        if (type === 'FP32') {
          expect((out?.data as number[]).map((v) => Math.fround(v))).toEqual(
            data.map((v) => Math.fround(v as number)),
          );
        } else {
          expect(out?.data).toEqual(data);
        }
      }
    });

    it('keeps 64-bit integers exact beyond 2^53 when sent as strings', async () => {
      const inputs = Object.entries(values).map(([type, data]) => ({
        name: `IN_${type}`,
        shape: [3],
        datatype: type,
        data,
      }));
      const big = inputs.find((i) => i.name === 'IN_UINT64');
      if (big) big.data = ['18446744073709551615', '0', '1'];
      const res = await call(app, 'POST', '/v2/models/identity_all/infer', {
        inputs,
        outputs: [{ name: 'OUT_UINT64' }],
      });
      expect(res.text).toContain('"data":[18446744073709551615,0,1]');
    });
  });
});

describe('the repository API when it is off (the default)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 404 and is not advertised', async () => {
    const res = await call(app, 'POST', '/v2/repository/index', '{}');
    expect(res.status).toBe(404);
    expect(res.json<{ error: string }>().error).toContain('the model repository API is off');
    expect(
      (await call(app, 'GET', '/v2')).json<{ extensions: string[] }>().extensions,
    ).not.toContain('model_repository');
  });
});
