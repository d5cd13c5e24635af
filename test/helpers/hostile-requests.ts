import fc from 'fast-check';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { anyJson, DATA_TYPES, deepArray, mutate, mutations, scalar, shape } from './hostile-json';
import { httpRequest } from './raw-http';

/**
 * Requests for the fuzz properties, against the fixture models (test/fixtures/models). `expected`
 * is the exact JSON answer when the request is valid by construction; otherwise the server may
 * answer anything below 500.
 */
export interface FuzzRequest {
  readonly bytes: Buffer;
  readonly expected?: unknown;
}

const ones = new Array(16).fill(1);
const LEAF: Record<string, unknown> = { BOOL: true, BYTES: 'x', FP16: 0.5, FP32: 0.5, FP64: 0.5 };
const VALID_V2: Record<string, unknown> = {
  simple: {
    id: 'fuzz',
    parameters: { binary_data_output: false },
    inputs: ['INPUT0', 'INPUT1'].map((name) => ({
      name,
      shape: [1, 16],
      datatype: 'INT32',
      data: ones,
      parameters: {},
    })),
    outputs: [{ name: 'OUTPUT0', parameters: { binary_data: false } }, { name: 'OUTPUT1' }],
  },
  versioned: { inputs: [{ name: 'x', shape: [2], datatype: 'FP32', data: [1, 2] }] },
  identity_all: {
    inputs: DATA_TYPES.map((t) => ({
      name: `IN_${t}`,
      shape: [1],
      datatype: t,
      data: [LEAF[t] ?? 1],
    })),
  },
};
export const INFER_PATHS: Record<string, string> = {
  simple: '/v2/models/simple/infer',
  versioned: '/v2/models/versioned/versions/2/infer',
  identity_all: '/v2/models/identity_all/infer',
};
const model = fc.constantFrom('simple', 'versioned', 'identity_all');
/** A request that fast-check prints as its text (latin1, cut short) in a counterexample. */
function fuzzRequest(bytes: Buffer, expected?: unknown): FuzzRequest {
  const text = bytes.toString('latin1');
  const shown = text.length > 3000 ? `${text.slice(0, 3000)}… (${text.length} bytes)` : text;
  return Object.assign({ bytes, expected }, { [fc.toStringMethod]: () => JSON.stringify(shown) });
}
const post = (path: string, body: unknown, headers?: Record<string, string>): FuzzRequest =>
  fuzzRequest(httpRequest('POST', path, body, headers));

/** `simple` adds and subtracts its two INT32 inputs: a valid request and its exact answer. */
export function simpleInfer(a: number[], b: number[], rows = 1): FuzzRequest {
  const input = (name: string, data: number[]) => ({
    name,
    shape: [rows, 16],
    datatype: 'INT32',
    data,
  });
  const output = (name: string, data: number[]) => ({
    name,
    datatype: 'INT32',
    shape: [rows, 16],
    data,
  });
  const body = { inputs: [input('INPUT0', a), input('INPUT1', b)] };
  const sum = a.map((v, i) => v + b[i]);
  const difference = a.map((v, i) => v - b[i]);
  return fuzzRequest(httpRequest('POST', INFER_PATHS.simple, body), {
    model_name: 'simple',
    model_version: '1',
    outputs: [output('OUTPUT0', sum), output('OUTPUT1', difference)],
  });
}
const int30 = fc.integer({ min: -(2 ** 30), max: 2 ** 30 });
const validSimple = fc
  .integer({ min: 1, max: 8 })
  .chain((rows) =>
    fc.tuple(
      fc.constant(rows),
      fc.array(int30, { minLength: rows * 16, maxLength: rows * 16 }),
      fc.array(int30, { minLength: rows * 16, maxLength: rows * 16 }),
    ),
  )
  .map(([rows, a, b]) => simpleInfer(a, b, rows));

/** V2 JSON bodies: any JSON value, any text, mutations of valid bodies, valid bodies. */
export const v2JsonRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc
    .record({ model, body: anyJson })
    .map((r) => post(INFER_PATHS[r.model], JSON.stringify(r.body))),
  fc
    .record({ model, text: fc.string({ unit: 'binary', maxLength: 200 }) })
    .map((r) => post(INFER_PATHS[r.model], r.text)),
  {
    arbitrary: fc
      .record({ model, changes: mutations })
      .map((r) => post(INFER_PATHS[r.model], JSON.stringify(mutate(VALID_V2[r.model], r.changes)))),
    weight: 4,
  },
  validSimple,
);

export const headerLength = fc.oneof(
  fc.nat({ max: 400 }).map(String),
  fc.constantFrom('', '0', '-1', 'abc', '1e2', '0x10', ' 7', '1.5', '+5', '99999999999999999999'),
);
const binarySize = fc.oneof(
  fc.constant(64),
  fc.integer({ min: -8, max: 200 }),
  fc.constantFrom<unknown>('64', null, 1e300, 2 ** 53, 64.5, true, [], {}),
);
const int32Section = (fill: number) => Buffer.from(new Int32Array(16).fill(fill).buffer);
const EXACT_SECTIONS = Buffer.concat([int32Section(2), int32Section(3)]);

/** The binary tensor extension, from random bytes to valid requests with one thing disturbed. */
export const binaryRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.record({ model, body: fc.uint8Array({ maxLength: 300 }), length: headerLength }).map((r) =>
    post(INFER_PATHS[r.model], Buffer.from(r.body), {
      'inference-header-content-length': r.length,
    }),
  ),
  fc
    .record({
      sizes: fc.tuple(binarySize, binarySize),
      cut: fc.integer({ min: -70, max: 70 }),
      noise: fc.option(fc.uint8Array({ maxLength: 200 })),
      delta: fc.oneof(fc.constant(0), fc.integer({ min: -30, max: 30 })),
      length: fc.option(headerLength),
      changes: fc.option(mutations),
    })
    .map((r) => {
      const inputs = ['INPUT0', 'INPUT1'].map((name, i) => ({
        name,
        shape: [1, 16],
        datatype: 'INT32',
        parameters: { binary_data_size: r.sizes[i] },
      }));
      const header = r.changes ? mutate({ inputs }, r.changes) : { inputs };
      const json = Buffer.from(JSON.stringify(header));
      const sections = r.noise
        ? Buffer.from(r.noise)
        : EXACT_SECTIONS.subarray(0, EXACT_SECTIONS.length + Math.min(r.cut, 0));
      const body = Buffer.concat([json, sections, Buffer.alloc(Math.max(r.cut, 0))]);
      return post(INFER_PATHS.simple, body, {
        'inference-header-content-length': r.length ?? String(json.length + r.delta),
      });
    }),
  // The raw form (header length 0): the body is the one input's bytes.
  fc
    .uint8Array({ maxLength: 64 })
    .map((b) =>
      post(INFER_PATHS.versioned, Buffer.from(b), { 'inference-header-content-length': '0' }),
    ),
  // BYTES elements whose length prefixes need not match what follows them.
  fc
    .record({
      elements: fc.array(
        fc.record({
          declared: fc.oneof(fc.nat(24), fc.constantFrom(2 ** 32 - 1, 2 ** 31)),
          bytes: fc.uint8Array({ maxLength: 24 }),
        }),
        { maxLength: 4 },
      ),
      size: fc.option(fc.nat(120)),
      shape,
    })
    .map((r) => {
      const section = Buffer.concat(
        r.elements.flatMap((e) => [
          Buffer.from(Uint32Array.of(e.declared).buffer),
          Buffer.from(e.bytes),
        ]),
      );
      const input = {
        name: 'IN_BYTES',
        shape: r.shape,
        datatype: 'BYTES',
        parameters: { binary_data_size: r.size ?? section.length },
      };
      const json = Buffer.from(JSON.stringify({ inputs: [input] }));
      return post(INFER_PATHS.identity_all, Buffer.concat([json, section]), {
        'inference-header-content-length': String(json.length),
      });
    }),
);

/** Any byte but CR and LF (which would end the header), written as latin1. */
const headerValue = fc.string({
  unit: fc
    .integer({ min: 0, max: 0xff })
    .filter((c) => c !== 10 && c !== 13)
    .map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const headerName = fc.oneof(
  fc.stringMatching(/^x-[a-z0-9-]{1,12}$/),
  fc
    .string({ unit: 'binary-ascii', minLength: 1, maxLength: 12 })
    .filter((s) => /^[^\r\n:\s][^\r\n:]*$/.test(s)),
);
/** Usually absent; when present, usually one of `usual`, else any bytes. */
const rarely = (...usual: string[]) =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    fc.oneof({ arbitrary: fc.constantFrom(...usual), weight: 3 }, headerValue),
  );
const ENCODERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
};

/** A valid body under random Content-Type, Content-Encoding, Accept-Encoding, credentials and more. */
export const headerRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    headers: fc.record({
      'content-type': rarely(
        'application/json',
        'text/plain',
        'multipart/form-data; boundary=x',
        '',
        ';;',
        'json',
        'application/json; charset=utf-16',
      ),
      'content-encoding': rarely(
        'gzip',
        'deflate',
        'br',
        'identity',
        '',
        'GZIP',
        'gzip, br',
        'snappy',
        'compress',
      ),
      'accept-encoding': rarely(
        'gzip',
        'br;q=0',
        '*',
        'gzip;q=abc',
        'identity;q=0, *;q=0',
        'deflate;q=1e309',
        'br, gzip, deflate',
      ),
      'inference-header-content-length': fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 3 },
        fc.constant('exact'),
        headerLength,
      ),
      authorization: rarely(
        'Bearer',
        'Bearer ',
        'Basic Zm9vOmJhcg==',
        `Bearer ${'x'.repeat(4000)}`,
        'Negotiate',
      ),
      'x-api-key': rarely('key'),
      'x-request-id': rarely('abc', 'a/b=c', 'x'.repeat(200)),
      host: rarely('perch', '', 'a b', '[::1]:x', 'localhost:99999'),
      expect: rarely('100-continue', 'nothing'),
    }),
    extra: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
    encode: fc.boolean(),
    path: fc.constantFrom(
      INFER_PATHS.simple,
      INFER_PATHS.simple,
      '/v2/models/simple',
      // Not /v2/health/ready: the fixtures hold broken models, so the server is never ready.
      '/v2/health/live',
      '/metrics',
    ),
  })
  .map((r) => {
    const json = Buffer.from(JSON.stringify(VALID_V2.simple));
    const encoder = ENCODERS[r.headers['content-encoding'] ?? ''];
    const headers: Record<string, string> = { ...r.extra };
    for (const [name, value] of Object.entries(r.headers)) {
      if (value !== undefined) headers[name] = value === 'exact' ? String(json.length) : value;
    }
    const get = !r.path.endsWith('/infer');
    const body = get ? undefined : r.encode && encoder ? encoder(json) : json;
    return fuzzRequest(httpRequest(get ? 'GET' : 'POST', r.path, body, headers));
  });

const V1_PATHS = [
  '/v1/models/simple:predict',
  '/v1/models/versioned:predict',
  '/v1/models/versioned/versions/2:predict',
  '/v1/models/identity_all:predict',
  '/v1/models/batched:predict',
  '/predict/versioned',
  '/predict/simple',
  '/predict',
];
const VALID_V1: unknown[] = [
  {
    instances: [
      [1, 2],
      [3, 4],
    ],
  },
  { instances: [{ INPUT0: ones, INPUT1: ones }] },
  { inputs: { INPUT0: [ones], INPUT1: [ones] } },
  [[1, 2, 3]],
];

/** `versioned` (latest, version 3) adds 3 in FP32: a valid V1 request and its exact answer. */
export function versionedPredict(row: number[]): FuzzRequest {
  return fuzzRequest(httpRequest('POST', '/v1/models/versioned:predict', { instances: [row] }), {
    predictions: [row.map((v) => Math.fround(Math.fround(v) + 3))],
  });
}

/** KServe V1 and /predict bodies: any JSON, deep rows, mutated valid bodies, random rows, valid rows. */
export const v1Request: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc
    .record({
      path: fc.constantFrom(...V1_PATHS),
      body: fc.oneof(
        anyJson,
        deepArray.map((rows) => ({ instances: [rows] })),
        fc
          .record({ base: fc.constantFrom(...VALID_V1), changes: mutations })
          .map((r) => mutate(r.base, r.changes)),
        fc
          .array(fc.array(scalar, { maxLength: 20 }), { maxLength: 20 })
          .map((instances) => ({ instances })),
      ),
    })
    .map((r) => post(r.path, JSON.stringify(r.body) ?? 'null')),
  fc
    .array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 8 })
    .map(versionedPredict),
);
