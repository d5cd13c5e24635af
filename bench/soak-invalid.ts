import { gzipSync } from 'node:zlib';
import { SoakCase, SoakRequest, binary, get, int, pick, post } from './soak-case';
import { expectError } from './soak-checks';

const SIMPLE = '/v2/models/simple/infer';

/** The server's default MAX_REQUEST_BYTES (64 MiB), which the soak's server runs with. */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/** One valid `simple` input but for what `over` changes. */
function simpleInput(random: () => number, over: Record<string, unknown> = {}): object {
  const data = Array.from({ length: 16 }, () => int(random, -1000, 1000));
  return { name: 'INPUT0', shape: [1, 16], datatype: 'INT32', data, ...over };
}

function simpleBody(random: () => number, over: Record<string, unknown>): object {
  return { inputs: [simpleInput(random, over), simpleInput(random, { name: 'INPUT1' })] };
}

/**
 * ~65 KB of gzip that inflates to 1 MiB past MAX_REQUEST_BYTES: the server must stop inflating
 * at the limit and answer 413. Built once, when the soak loads, so that gzipping 65 MiB does not
 * stall the clients in the middle of the traffic.
 */
const GZIP_BOMB = gzipSync(Buffer.alloc(MAX_REQUEST_BYTES + 1024 * 1024, 0x20), { level: 9 });

function withEncoding(r: SoakRequest, encoding: string, body: Buffer): SoakRequest {
  return { ...r, headers: { ...r.headers, 'content-encoding': encoding }, body };
}

/**
 * The ~30% of the mix that must be refused with a 4xx and a `{"error"}` body, never a 5xx, a
 * hang or a dropped connection. Weights add up to 30.
 */
export const INVALID_CASES: readonly SoakCase[] = [
  {
    name: 'malformed JSON',
    valid: false,
    weight: 3.5,
    make: (random) => {
      const text = JSON.stringify(simpleBody(random, {}));
      return post(SIMPLE, text.slice(0, int(random, 1, text.length - 1)), expectError(400));
    },
  },
  {
    name: 'wrong shape',
    valid: false,
    weight: 4,
    make: (random) => post(SIMPLE, simpleBody(random, { shape: [2, 8] }), expectError(400)),
  },
  {
    name: 'wrong datatype',
    valid: false,
    weight: 4,
    make: (random) =>
      post(
        SIMPLE,
        simpleBody(random, { datatype: pick(random, ['FP32', 'INT64', 'BYTES'])[0] }),
        expectError(400),
      ),
  },
  {
    name: 'unknown model',
    valid: false,
    weight: 3,
    make: (random) =>
      post(`/v2/models/nope${int(random, 0, 999)}/infer`, simpleBody(random, {}), expectError(404)),
  },
  {
    name: 'traversal name',
    valid: false,
    weight: 3,
    // Encoded slashes only: a client's URL parser resolves a plain or %2e%2e segment before sending.
    make: (random) =>
      pick(random, [
        post('/v2/models/..%2F..%2Fetc/infer', simpleBody(random, {}), expectError(400)),
        post(
          '/v2/models/simple%2F..%2F..%2Fpasswd/infer',
          simpleBody(random, {}),
          expectError(400),
        ),
        post('/v2/models/..%5C..%5Cetc/infer', simpleBody(random, {}), expectError(400)),
        get('/v2/models/simple/versions/..%2F1', expectError(400)),
      ])[0],
  },
  {
    name: 'truncated binary',
    valid: false,
    weight: 4,
    make: (random) => {
      const raw = Buffer.from(Int32Array.from({ length: 32 }, () => int(random, 0, 99)).buffer);
      const input = (name: string): object => ({
        name,
        shape: [1, 16],
        datatype: 'INT32',
        parameters: { binary_data_size: 64 },
      });
      const header = { inputs: [input('INPUT0'), input('INPUT1')] };
      // Cut inside the second tensor: the declared sizes run past the end of the body.
      return binary(SIMPLE, header, raw.subarray(0, int(random, 65, 127)), expectError(400));
    },
  },
  {
    name: 'gzip bomb',
    valid: false,
    weight: 0.5,
    make: (random) =>
      withEncoding(post(SIMPLE, simpleBody(random, {}), expectError(413)), 'gzip', GZIP_BOMB),
  },
  {
    name: 'bad Content-Encoding',
    valid: false,
    weight: 3,
    make: (random) => {
      const r = post(SIMPLE, simpleBody(random, {}), expectError(415));
      return withEncoding(
        r,
        pick(random, ['snappy', 'lz4', 'x-unknown'])[0],
        r.body ?? Buffer.alloc(0),
      );
    },
  },
  {
    name: 'corrupt gzip',
    valid: false,
    weight: 2,
    make: (random) => {
      const r = post(SIMPLE, simpleBody(random, {}), expectError(400));
      return withEncoding(r, 'gzip', r.body ?? Buffer.alloc(0));
    },
  },
  {
    name: 'V1 wrong body',
    valid: false,
    weight: 1.5,
    make: (random) =>
      post('/v1/models/iris:predict', { rows: [int(random, 0, 9)] }, expectError(400)),
  },
  {
    name: '/predict numbers',
    valid: false,
    weight: 1.5,
    make: (random) => post('/predict', [int(random, 0, 9), int(random, 0, 9)], expectError(400)),
  },
];
