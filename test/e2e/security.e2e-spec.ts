import { call, EXAMPLE_MODELS, FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

const KEY = 'inference-key-1';
const ADMIN = 'admin-token-0123456789abcdef';
const iris = {
  inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: [5.1, 3.5, 1.4, 0.2] }],
};

describe('API keys', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({
      MODEL_REPOSITORY: EXAMPLE_MODELS,
      API_KEYS: `other-key,${KEY}`,
      ENABLE_REPOSITORY_API: 'true',
      ADMIN_TOKEN: ADMIN,
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['POST', '/v2/models/iris/infer'],
    ['GET', '/v2/models/iris'],
    ['GET', '/v2'],
    ['POST', '/v1/models/iris:predict'],
    ['GET', '/v1/models/iris'],
  ])('%s %s needs a key: 401 with WWW-Authenticate', async (method, path) => {
    const res = await call(app, method, path, method === 'POST' ? iris : undefined);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.json<{ error: string }>().error).toContain('an API key is required');
  });

  it('takes the key as a Bearer token or as X-API-Key', async () => {
    expect(
      (await call(app, 'POST', '/v2/models/iris/infer', iris, { authorization: `Bearer ${KEY}` }))
        .status,
    ).toBe(200);
    expect(
      (await call(app, 'POST', '/v2/models/iris/infer', iris, { 'x-api-key': KEY })).status,
    ).toBe(200);
  });

  it('refuses a wrong key', async () => {
    const res = await call(app, 'POST', '/v2/models/iris/infer', iris, { 'x-api-key': `${KEY}x` });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ error: 'the API key is not valid' });
  });

  it.each(['/health/live', '/health/ready', '/v2/health/live', '/v2/health/ready'])(
    'leaves probe %s open',
    async (path) => {
      expect((await call(app, 'GET', path)).status).toBe(200);
    },
  );

  it('never opens admin routes with an inference key', async () => {
    const res = await call(app, 'POST', '/v2/repository/index', '{}', {
      authorization: `Bearer ${KEY}`,
    });
    expect(res.status).toBe(403);
    expect(
      (await call(app, 'POST', '/v2/repository/index', '{}', { authorization: `Bearer ${ADMIN}` }))
        .status,
    ).toBe(200);
  });

  it('asks /metrics for a key once API_KEYS is set (PROTECT_METRICS=auto)', async () => {
    const res = await call(app, 'GET', '/metrics');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect((await call(app, 'GET', '/metrics', undefined, { 'x-api-key': KEY })).status).toBe(200);
  });

  it('never writes a key into its log', () => {
    expect(app.output()).not.toContain(KEY);
    expect(app.output()).not.toContain(ADMIN);
  });
});

describe('limits and backpressure', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({
      MODEL_REPOSITORY: FIXTURE_MODELS,
      MAX_TENSOR_ELEMENTS: '32',
      MAX_REQUEST_ELEMENTS: '48',
      MAX_BYTES_ELEMENT_LENGTH: '8',
      MAX_INFLIGHT_PER_MODEL: '1',
      RATE_LIMIT_RPS: '1000',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const simple = (rows: number) => ({
    inputs: ['INPUT0', 'INPUT1'].map((name) => ({
      name,
      shape: [rows, 16],
      datatype: 'INT32',
      data: new Array(rows * 16).fill(1),
    })),
  });

  it('answers 413 naming MAX_TENSOR_ELEMENTS and MAX_REQUEST_ELEMENTS', async () => {
    const tensor = await call(app, 'POST', '/v2/models/simple/infer', simple(3));
    expect(tensor.status).toBe(413);
    expect(tensor.json<{ error: string }>().error).toContain(
      "input 'INPUT0' shape [3,16] holds 48 elements; MAX_TENSOR_ELEMENTS is 32",
    );
    const request = await call(app, 'POST', '/v2/models/simple/infer', simple(2));
    expect(request.status).toBe(413);
    expect(request.json<{ error: string }>().error).toContain(
      'the request holds 64 elements; MAX_REQUEST_ELEMENTS is 48',
    );
  });

  it('answers 413 naming MAX_BYTES_ELEMENT_LENGTH', async () => {
    const body = {
      inputs: [{ name: 'IN_BYTES', shape: [1], datatype: 'BYTES', data: ['123456789'] }],
    };
    const res = await call(app, 'POST', '/v2/models/identity_all/infer', {
      inputs: [...body.inputs],
    });
    // identity_all needs every input; the limit is checked after the model's own validation.
    expect([400, 413]).toContain(res.status);
    const full = await call(app, 'POST', '/v2/models/identity_all/infer', identityAll('123456789'));
    expect(full.status).toBe(413);
    expect(full.json<{ error: string }>().error).toContain(
      "input 'IN_BYTES': BYTES element 0 is 9 bytes; MAX_BYTES_ELEMENT_LENGTH is 8",
    );
    expect(
      (await call(app, 'POST', '/v2/models/identity_all/infer', identityAll('12345678'))).status,
    ).toBe(200);
  });

  it('refuses requests beyond MAX_INFLIGHT_PER_MODEL with 429 and Retry-After', async () => {
    const one = {
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        shape: [1, 16],
        datatype: 'INT32',
        data: new Array(16).fill(1),
      })),
    };
    // tiny_queue holds its first request for 200 ms, so the second finds the model full.
    const first = call(app, 'POST', '/v2/models/tiny_queue/infer', one);
    await new Promise((r) => setTimeout(r, 50));
    const second = await call(app, 'POST', '/v2/models/tiny_queue/infer', one);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(second.json<{ error: string }>().error).toContain('MAX_INFLIGHT_PER_MODEL');
    expect((await first).status).toBe(200);
  });
});

describe('rate limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({
      MODEL_REPOSITORY: EXAMPLE_MODELS,
      RATE_LIMIT_RPS: '5',
      API_KEYS: 'a,b',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 429 with Retry-After past RATE_LIMIT_RPS, per key, never for probes', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (await call(app, 'GET', '/v2/models/iris', undefined, { 'x-api-key': 'a' })).status,
      );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const limited = await call(app, 'GET', '/v2/models/iris', undefined, { 'x-api-key': 'a' });
    if (limited.status === 429) {
      expect(limited.headers.get('retry-after')).toBeTruthy();
      expect(limited.json<{ error: string }>().error).toContain('RATE_LIMIT_RPS');
    }
    expect(
      (await call(app, 'GET', '/v2/models/iris', undefined, { 'x-api-key': 'b' })).status,
    ).toBe(200);
    for (let i = 0; i < 10; i++) expect((await call(app, 'GET', '/health/live')).status).toBe(200);
  });
});

function identityAll(text: string): object {
  const values: Record<string, unknown> = {
    BOOL: true,
    UINT8: 1,
    UINT16: 1,
    UINT32: 1,
    UINT64: 1,
    INT8: 1,
    INT16: 1,
    INT32: 1,
    INT64: 1,
    FP16: 1,
    FP32: 1,
    FP64: 1,
    BYTES: text,
  };
  return {
    inputs: Object.entries(values).map(([t, v]) => ({
      name: `IN_${t}`,
      shape: [1],
      datatype: t,
      data: [v],
    })),
  };
}

describe('PROTECT_METRICS=false', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({
      MODEL_REPOSITORY: EXAMPLE_MODELS,
      API_KEYS: KEY,
      PROTECT_METRICS: 'false',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('leaves /metrics open to a scraper without a key, and keeps probes open', async () => {
    expect((await call(app, 'GET', '/metrics')).status).toBe(200);
    expect((await call(app, 'GET', '/health/ready')).status).toBe(200);
  });
});
