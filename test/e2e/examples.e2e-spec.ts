import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, EXAMPLE_MODELS, startApp, TestApp } from '../helpers/test-app';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'requests', name), 'utf8'));

describe('the bundled example models over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /v2 describes the server with only implemented extensions', async () => {
    const res = await call(app, 'GET', '/v2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json()).toEqual({
      name: 'perch',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      extensions: ['binary_tensor_data', 'classification', 'model_configuration', 'statistics'],
    });
  });

  it.each(['/v2/health/live', '/v2/health/ready', '/health/live', '/health/ready'])(
    '%s answers 200 once models are loaded',
    async (path) => {
      const res = await call(app, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
    },
  );

  it('health bodies carry the state', async () => {
    expect((await call(app, 'GET', '/v2/health/live')).json()).toEqual({ live: true });
    expect((await call(app, 'GET', '/v2/health/ready')).json()).toEqual({ ready: true });
    expect((await call(app, 'GET', '/health/ready')).json()).toMatchObject({
      status: 'ok',
      info: { models: { status: 'up' } },
    });
  });

  it.each([
    ['simple', 'simple.infer.json', 'simple.infer.response.json'],
    ['simple_string', 'simple_string.infer.json', 'simple_string.infer.response.json'],
  ])('V2 infer on %s returns the expected outputs', async (model, request, response) => {
    const res = await call(app, 'POST', `/v2/models/${model}/infer`, fixture(request));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json()).toEqual(fixture(response));
  });

  it('V2 infer with the version segment answers the same', async () => {
    const res = await call(
      app,
      'POST',
      '/v2/models/simple/versions/1/infer',
      fixture('simple.infer.json'),
    );
    expect(res.json()).toEqual(fixture('simple.infer.response.json'));
  });

  it('model metadata has a leading -1 for batching models', async () => {
    const res = await call(app, 'GET', '/v2/models/iris');
    expect(res.json()).toEqual({
      name: 'iris',
      versions: ['1'],
      platform: 'onnxruntime_onnx',
      inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, 4] }],
      outputs: [
        { name: 'label', datatype: 'BYTES', shape: [-1] },
        { name: 'probabilities', datatype: 'FP32', shape: [-1, 3] },
      ],
    });
    expect((await call(app, 'GET', '/v2/models/iris/versions/1')).json()).toEqual(res.json());
  });

  it('model ready and config answer per model', async () => {
    expect((await call(app, 'GET', '/v2/models/simple/ready')).json()).toEqual({
      name: 'simple',
      ready: true,
    });
    expect((await call(app, 'GET', '/v2/models/simple/versions/1/ready')).status).toBe(200);
    const config = (await call(app, 'GET', '/v2/models/simple/config')).json();
    expect(config).toMatchObject({
      name: 'simple',
      max_batch_size: 8,
      input: [{ name: 'INPUT0', data_type: 'TYPE_INT32', dims: [16] }, { name: 'INPUT1' }],
    });
  });

  it('iris classifies the three species through V2', async () => {
    const rows = (fixture('iris.predict.json') as { instances: number[][] }).instances;
    const res = await call(app, 'POST', '/v2/models/iris/infer', {
      inputs: [{ name: 'input', shape: [3, 4], datatype: 'FP32', data: rows }],
      outputs: [{ name: 'label' }],
    });
    expect(res.json()).toEqual({
      model_name: 'iris',
      model_version: '1',
      outputs: [
        {
          name: 'label',
          datatype: 'BYTES',
          shape: [3],
          data: ['setosa', 'versicolor', 'virginica'],
        },
      ],
    });
  });

  it('V1 predict answers instances, a bare array and columns alike', async () => {
    const body = fixture('iris.predict.json') as { instances: number[][] };
    const byInstances = await call(app, 'POST', '/v1/models/iris:predict', body);
    const byArray = await call(app, 'POST', '/v1/models/iris/versions/1:predict', body.instances);
    const byColumns = await call(app, 'POST', '/v1/models/iris:predict', {
      inputs: body.instances,
    });
    expect(byInstances.status).toBe(200);
    const predictions = byInstances.json<{
      predictions: { label: string; probabilities: number[] }[];
    }>().predictions;
    expect(predictions.map((p) => p.label)).toEqual(['setosa', 'versicolor', 'virginica']);
    for (const p of predictions)
      expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(byArray.json()).toEqual(byInstances.json());
    expect(byColumns.json()).toEqual(byInstances.json());
  });

  it('V1 model status', async () => {
    const res = await call(app, 'GET', '/v1/models/iris');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ name: 'iris', ready: true });
  });

  it('answers concurrent requests each with its own result', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, k) => {
        const a = Array.from({ length: 16 }, (_, i) => i * k);
        const b = Array.from({ length: 16 }, () => k);
        const res = await call(app, 'POST', '/v2/models/simple/infer', {
          id: String(k),
          inputs: [
            { name: 'INPUT0', shape: [1, 16], datatype: 'INT32', data: a },
            { name: 'INPUT1', shape: [1, 16], datatype: 'INT32', data: b },
          ],
        });
        return { k, a, b, body: res.json<{ id: string; outputs: { data: number[] }[] }>() };
      }),
    );
    for (const { k, a, b, body } of results) {
      expect(body.id).toBe(String(k));
      expect(body.outputs[0].data).toEqual(a.map((v, i) => v + b[i]));
      expect(body.outputs[1].data).toEqual(a.map((v, i) => v - b[i]));
    }
  });
});
