import { call, FIXTURE_MODELS, startApp, TestApp, waitForOutput } from '../helpers/test-app';

const vec = (n: number, v: unknown = 1): unknown[] => new Array(n).fill(v);
const simpleInput = (over: Record<string, unknown> = {}) => ({
  name: 'INPUT0',
  shape: [1, 16],
  datatype: 'INT32',
  data: vec(16),
  ...over,
});
const simpleBody = (input0: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) => ({
  inputs: [simpleInput(input0), simpleInput({ name: 'INPUT1' })],
  ...rest,
});
const INFER = '/v2/models/simple/infer';

/** [case, method, path, body, status, a fragment the error message must contain] */
const CASES: [string, string, string, unknown, number, string][] = [
  ['malformed JSON', 'POST', INFER, '{"inputs": [', 400, 'malformed JSON in request body'],
  ['an empty body', 'POST', INFER, '', 400, 'request body is empty'],
  ['a JSON array body on V2', 'POST', INFER, [], 400, 'expected a JSON object'],
  ['a JSON string body', 'POST', INFER, '"hello"', 400, 'expected a JSON object'],
  ['no inputs field', 'POST', INFER, {}, 400, 'inputs must be an array'],
  ['an unknown model', 'POST', '/v2/models/nope/infer', simpleBody(), 404, "unknown model 'nope'"],
  [
    'a model name with a dot-dot',
    'POST',
    '/v2/models/..%2F..%2Fetc/infer',
    simpleBody(),
    400,
    'invalid model name',
  ],
  ['a model name with a NUL', 'GET', '/v2/models/a%00b', undefined, 400, 'invalid model name'],
  ['a model name with spaces', 'GET', '/v2/models/a%20b', undefined, 400, 'invalid model name'],
  [
    'a traversal in the version',
    'GET',
    '/v2/models/simple/versions/..%2F1',
    undefined,
    400,
    'invalid version',
  ],
  [
    'an unknown input',
    'POST',
    INFER,
    simpleBody({ name: 'INPUT9' }),
    400,
    "model 'simple' has no input 'INPUT9' (inputs: INPUT0, INPUT1)",
  ],
  [
    'a missing input',
    'POST',
    INFER,
    { inputs: [simpleInput()] },
    400,
    "model 'simple': input 'INPUT1' is missing",
  ],
  [
    'a duplicate input',
    'POST',
    INFER,
    { inputs: [simpleInput(), simpleInput(), simpleInput({ name: 'INPUT1' })] },
    400,
    "input 'INPUT0' is given twice",
  ],
  [
    'a datatype mismatch',
    'POST',
    INFER,
    simpleBody({ datatype: 'FP32' }),
    400,
    "input 'INPUT0': datatype FP32 does not match the model's INT32",
  ],
  [
    'an unknown datatype',
    'POST',
    INFER,
    simpleBody({ datatype: 'FLOAT32' }),
    400,
    'inputs.0.datatype must be one of',
  ],
  [
    'a shape mismatch',
    'POST',
    INFER,
    simpleBody({ shape: [1, 8], data: vec(8) }),
    400,
    "shape [1,8] does not match the model's [-1,16]",
  ],
  [
    'an element count mismatch',
    'POST',
    INFER,
    simpleBody({ data: vec(15) }),
    400,
    "input 'INPUT0': shape [1,16] holds 16 elements but data has 15",
  ],
  [
    'a batch above max_batch_size',
    'POST',
    INFER,
    simpleBody({ shape: [9, 16], data: vec(144) }),
    400,
    'batch size 9 is outside 1..8',
  ],
  [
    'a negative dimension',
    'POST',
    INFER,
    simpleBody({ shape: [-1, 16] }),
    400,
    'shape must contain only sizes ≥ 0',
  ],
  [
    'a huge dimension',
    'POST',
    INFER,
    simpleBody({ shape: [1e15, 16] }),
    400,
    'holds 16000000000000000 elements but data has 16',
  ],
  [
    'a value out of INT32 range',
    'POST',
    INFER,
    simpleBody({ data: [...vec(15), 2 ** 31] }),
    400,
    'element 15 is 2147483648, expected an integer',
  ],
  [
    'a string in numeric data',
    'POST',
    INFER,
    simpleBody({ data: [...vec(15), 'x'] }),
    400,
    'element 15 is "x"',
  ],
  [
    'a null in numeric data',
    'POST',
    INFER,
    simpleBody({ data: [...vec(15), null] }),
    400,
    'element 15 is null',
  ],
  [
    'NaN in JSON',
    'POST',
    INFER,
    '{"inputs":[{"name":"INPUT0","shape":[1],"datatype":"INT32","data":[NaN]}]}',
    400,
    'malformed JSON',
  ],
  [
    'data nested deeper than the shape',
    'POST',
    INFER,
    simpleBody({ data: [[vec(16)]] }),
    400,
    'nested deeper than the shape',
  ],
  [
    'an unknown output',
    'POST',
    INFER,
    simpleBody({}, { outputs: [{ name: 'OUTPUT7' }] }),
    400,
    "model 'simple' has no output 'OUTPUT7' (outputs: OUTPUT0, OUTPUT1)",
  ],
  ['a numeric request id', 'POST', INFER, simpleBody({}, { id: 42 }), 400, 'id must be a string'],
  [
    'a __proto__ key',
    'POST',
    INFER,
    '{"inputs":[],"parameters":{"__proto__":{"x":1}}}',
    400,
    "key '__proto__' is not allowed",
  ],
  [
    'a constructor key in an input',
    'POST',
    INFER,
    simpleBody({ constructor: {} }),
    400,
    "key 'constructor' is not allowed",
  ],
  [
    'a too deeply nested parameter',
    'POST',
    INFER,
    `{"inputs":[],"parameters":{"a":${'['.repeat(50)}${']'.repeat(50)}}}`,
    400,
    'nested deeper than 32 levels',
  ],
  ['an unknown route', 'GET', '/v2/nothing', undefined, 404, 'Cannot GET /v2/nothing'],
  ['a wrong method', 'GET', INFER, undefined, 404, 'Cannot GET'],
  ['an unknown model on V1', 'POST', '/v1/models/nope:predict', [[1]], 404, "unknown model 'nope'"],
  [
    'a V1 verb other than predict',
    'POST',
    '/v1/models/simple:explain',
    [[1]],
    404,
    "expected '<model>:predict'",
  ],
  [
    'a V1 body of the wrong kind',
    'POST',
    '/v1/models/simple:predict',
    { rows: [] },
    400,
    'expected {"instances": [...]}',
  ],
  [
    'a V1 multi-input row that is an array',
    'POST',
    '/v1/models/simple:predict',
    [vec(16)],
    400,
    "instance 0 must be an object with key 'INPUT0'",
  ],
  [
    'a V1 status for an unknown model',
    'GET',
    '/v1/models/nope',
    undefined,
    404,
    "unknown model 'nope'",
  ],
];

describe('bad requests', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(CASES)(
    '%s gets a clear {"error"}',
    async (_case, method, path, body, status, message) => {
      const res = await call(app, method, path, body);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/json');
      const json = res.json<{ error: string }>();
      expect(Object.keys(json)).toEqual(['error']);
      expect(json.error).toContain(message);
      expect(res.text).not.toMatch(/\n\s+at /);
    },
  );

  it('logs each bad request exactly once', async () => {
    // JSON log lines: the error filter's lines carry its logger context.
    const errorLines = (output: string) =>
      output.split('\n').filter((l) => l.includes('"context":"Errors"'));
    await waitForOutput(app, (output) => errorLines(output).length >= CASES.length);
    // Long enough for a second line about the same request to arrive, if there were one.
    await new Promise((r) => setTimeout(r, 100));
    expect(errorLines(app.output())).toHaveLength(CASES.length);
  });

  it('parses bodies whatever Content-Type says, or without one', async () => {
    for (const type of [
      undefined,
      'text/plain',
      'application/octet-stream',
      'application/x-www-form-urlencoded',
    ]) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const res = await call(app, 'POST', INFER, JSON.stringify(simpleBody()), headers);
      expect(res.status).toBe(200);
    }
  });

  it('keeps serving correctly after all of them', async () => {
    const res = await call(app, 'POST', INFER, simpleBody({ data: vec(16, 5) }));
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ outputs: [{ data: vec(16, 6) }, { data: vec(16, 4) }] });
  });
});
