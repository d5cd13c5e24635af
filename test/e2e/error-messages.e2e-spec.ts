import { gzipSync } from 'node:zlib';
import { call, EXAMPLE_MODELS, startApp, TestApp, waitForOutput } from '../helpers/test-app';

/** A client-supplied name far longer than any message should quote. */
const HUGE = 'A'.repeat(200_000);
/** The answer's `{"error"}` and the filter's log line stay under this, whatever was sent. */
const BOUND = 2300;

const iris = (fields: Record<string, unknown> = {}) => ({
  name: 'input',
  shape: [1, 4],
  datatype: 'FP32',
  data: [5.1, 3.5, 1.4, 0.2],
  ...fields,
});
const INFER = '/v2/models/iris/infer';
/** `{"__proto__": 1}` as JSON.parse makes it: an own key, which the structural guard refuses naming its path. */
const PROTO_KEY: unknown = JSON.parse('{"__proto__": 1}');

/** A V2 binary-extension request: the JSON header, then `bytes` of binary data. */
function binary(header: object, bytes: number): [Buffer, Record<string, string>] {
  const json = Buffer.from(JSON.stringify(header));
  return [
    Buffer.concat([json, Buffer.alloc(bytes)]),
    { 'Inference-Header-Content-Length': String(json.length) },
  ];
}

const binaryInput = (name: string) =>
  binary(
    { inputs: [{ ...iris({ name }), data: undefined, parameters: { binary_data_size: 16 } }] },
    16,
  );
const binaryDatatype = binary(
  {
    inputs: [
      { ...iris({ datatype: HUGE }), data: undefined, parameters: { binary_data_size: 16 } },
    ],
  },
  16,
);
const binaryParameterKey = binary(
  {
    inputs: [{ ...iris(), data: undefined, parameters: { binary_data_size: 16 } }],
    parameters: { [HUGE]: PROTO_KEY },
  },
  16,
);
const binaryOutput = binary(
  {
    inputs: [{ ...iris(), data: undefined, parameters: { binary_data_size: 16 } }],
    outputs: [{ name: HUGE }],
  },
  16,
);

// Every row has its headers: jest hands a shorter row's test a `done` callback in their place.
const cases: [string, string, string, unknown, Record<string, string>][] = [
  ['V2 JSON: an input name', 'POST', INFER, { inputs: [iris({ name: HUGE })] }, {}],
  ['V2 JSON: an output name', 'POST', INFER, { inputs: [iris()], outputs: [{ name: HUGE }] }, {}],
  ['V2 JSON: a datatype', 'POST', INFER, { inputs: [iris({ datatype: HUGE })] }, {}],
  [
    'V2 JSON: a parameter key',
    'POST',
    INFER,
    { inputs: [iris()], parameters: { [HUGE]: PROTO_KEY } },
    {},
  ],
  ['V2 JSON: an unknown envelope key', 'POST', INFER, { inputs: [iris()], [HUGE]: 1 }, {}],
  [
    'V2 JSON: a classification value',
    'POST',
    INFER,
    {
      inputs: [iris()],
      outputs: [{ name: 'probabilities', parameters: { classification: HUGE } }],
    },
    {},
  ],
  ['the binary extension: an input name', 'POST', INFER, ...binaryInput(HUGE)],
  ['the binary extension: an output name', 'POST', INFER, ...binaryOutput],
  ['the binary extension: a datatype', 'POST', INFER, ...binaryDatatype],
  ['the binary extension: a parameter key', 'POST', INFER, ...binaryParameterKey],
  ['V1: a key', 'POST', '/v1/models/iris:predict', { instances: [{ [HUGE]: PROTO_KEY }] }, {}],
  ['V1: a route', 'POST', `/v1/models/${'A'.repeat(8000)}`, { instances: [[1, 2, 3, 4]] }, {}],
  ['/predict: a key', 'POST', '/predict', [{ [HUGE]: PROTO_KEY }], {}],
];

describe('error messages quote client text cut short', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({
      MODEL_REPOSITORY: EXAMPLE_MODELS,
      DEFAULT_MODEL: 'iris',
      // The review's body inflates 1000-fold; MAX_INFLATE_RATIO would refuse it before any codec
      // saw the name. Off here, as an uncompressed 50 MB body (within MAX_REQUEST_BYTES) would be.
      MAX_INFLATE_RATIO: '0',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(cases)('%s: a short 4xx', async (_case, method, path, body, headers) => {
    const res = await call(app, method, path, body, headers);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text.length).toBeLessThan(BOUND);
    // Quoted at most 64 characters long, if at all (the datatype's message lists the allowed ones).
    expect(res.json<{ error: string }>().error).not.toMatch(/A{65}/);
  });

  it("answers the review's request (48 KB of gzip, a 50 MB input name) in under 2 KB", async () => {
    const body = gzipSync(JSON.stringify({ inputs: [iris({ name: 'A'.repeat(50_000_000) })] }));
    expect(body.length).toBeLessThan(100_000);
    const res = await call(app, 'POST', INFER, body, {
      'content-encoding': 'gzip',
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.json<{ error: string }>().error).toMatch(
      /^model 'iris' has no input 'A{64}…\[50000000 characters\]'/,
    );
    expect(res.text.length).toBeLessThan(BOUND);
  });

  it('logs each of them on one short line', async () => {
    const output = await waitForOutput(app, (o) => o.includes('50000000 characters'));
    const errors = output.split('\n').filter((l) => l.includes('"context":"Errors"'));
    expect(errors).toHaveLength(cases.length + 1);
    for (const line of errors) expect(line.length).toBeLessThan(BOUND + 600);
  });
});
