import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, deflateSync, gzipSync } from 'node:zlib';
import { httpRequest, sendRaw } from '../helpers/raw-http';
import { call, FIXTURE_MODELS, startApp, TestApp, waitForOutput } from '../helpers/test-app';

/**
 * One table of hostile requests, each with the exact status and a fragment of the `{"error"}`
 * message it must get, sent byte for byte over a socket (so malformed HTTP can be sent too) to
 * one of two servers: `main` (the fixture models, MAX_REQUEST_BYTES 1 MiB so bombs stay cheap)
 * or `admin` (MODEL_CONTROL_MODE=explicit with ADMIN_TOKEN, for the repository API).
 */
interface BadCase {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  /** A string or Buffer is sent as-is, anything else as JSON text. */
  readonly body?: unknown;
  /** Added to Host, Connection: close and (with a body) Content-Length; may replace them. */
  readonly headers?: Record<string, string>;
  /** The whole request, as bytes, for what no well-behaved client would send. */
  readonly raw?: Buffer;
  readonly app?: 'main' | 'admin';
  readonly status: number;
  readonly message: string;
}

const LIMIT = 1024 * 1024;
const TOKEN = 'bad-requests-admin-token-0123';
const admin = { authorization: `Bearer ${TOKEN}` };

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
const V1 = '/v1/models/simple:predict';
/** A valid body's JSON text with `from` replaced, for keys JSON.stringify cannot write. */
const edit = (body: object, from: string, to: string): string => {
  const text = JSON.stringify(body);
  if (!text.includes(from)) throw new Error(`fixture: ${from} not in ${text}`);
  return text.replace(from, to);
};
const nested = (levels: number, inner = '1'): string =>
  `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

/** A binary tensor extension body: JSON header, binary sections, and the header's length. */
function binary(header: object, sections: Buffer[], headerLength?: string) {
  const json = Buffer.from(JSON.stringify(header));
  return {
    body: Buffer.concat([json, ...sections]),
    headers: { 'inference-header-content-length': headerLength ?? String(json.length) },
  };
}
const binaryInput = (name: string, size: unknown) => ({
  name,
  shape: [1, 16],
  datatype: 'INT32',
  parameters: { binary_data_size: size },
});
const int32s = (n: number) => Buffer.from(new Int32Array(n).fill(1).buffer);
/** A BYTES section whose first element declares `length` bytes and is followed by `rest`. */
const bytesElement = (length: number, rest: Buffer) => {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(length);
  return Buffer.concat([prefix, rest]);
};
const bytesInput = (size: number) => ({
  inputs: [
    { name: 'IN_BYTES', shape: [1], datatype: 'BYTES', parameters: { binary_data_size: size } },
  ],
});
const rawRequest = (head: string, body = ''): Buffer =>
  Buffer.from(`${head}\r\nHost: perch\r\nConnection: close\r\n\r\n${body}`);

// One line per case reads as a table; prettier would spread each over eight.
// prettier-ignore
const CASES: BadCase[] = [
  // Bodies that are not JSON, or not the JSON expected.
  { name: 'malformed JSON', method: 'POST', path: INFER, body: '{"inputs": [', status: 400, message: 'malformed JSON in request body' },
  { name: 'an empty body', method: 'POST', path: INFER, body: '', status: 400, message: 'request body is empty' },
  { name: 'a whitespace-only body', method: 'POST', path: INFER, body: ' \n\t ', status: 400, message: 'malformed JSON in request body' },
  { name: 'a trailing comma', method: 'POST', path: INFER, body: '{"inputs": [],}', status: 400, message: 'malformed JSON in request body' },
  { name: 'single-quoted JSON', method: 'POST', path: INFER, body: "{'inputs': []}", status: 400, message: 'malformed JSON in request body' },
  { name: 'a JSON array body on V2', method: 'POST', path: INFER, body: [], status: 400, message: 'expected a JSON object' },
  { name: 'a JSON string body', method: 'POST', path: INFER, body: '"hello"', status: 400, message: 'expected a JSON object' },
  { name: 'a JSON null body', method: 'POST', path: INFER, body: 'null', status: 400, message: 'expected a JSON object' },
  { name: 'NaN in JSON', method: 'POST', path: INFER, body: edit(simpleBody(), '"data":[1,', '"data":[NaN,'), status: 400, message: 'malformed JSON' },
  { name: 'Infinity in JSON', method: 'POST', path: INFER, body: edit(simpleBody(), '"data":[1,', '"data":[Infinity,'), status: 400, message: 'malformed JSON' },
  { name: 'a number JSON.parse overflows to Infinity', method: 'POST', path: INFER, body: edit(simpleBody(), '"data":[1,', '"data":[1e400,'), status: 400, message: "input 'INPUT0' (INT32): element 0 is Infinity" },
  { name: 'a UTF-8 byte order mark', method: 'POST', path: INFER, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(simpleBody()))]), status: 400, message: 'malformed JSON in request body' },
  { name: 'a UTF-16 body', method: 'POST', path: INFER, body: Buffer.from(JSON.stringify(simpleBody()), 'utf16le'), headers: { 'content-type': 'application/json; charset=utf-16' }, status: 400, message: 'malformed JSON in request body' },
  { name: 'bytes that are not UTF-8', method: 'POST', path: INFER, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), status: 400, message: 'malformed JSON in request body' },
  { name: 'no inputs field', method: 'POST', path: INFER, body: {}, status: 400, message: 'inputs must be an array' },

  // Wrong types in every part of the V2 envelope.
  { name: 'inputs as an object', method: 'POST', path: INFER, body: { inputs: { INPUT0: [1] } }, status: 400, message: 'inputs must be an array' },
  { name: 'a null input', method: 'POST', path: INFER, body: { inputs: [null] }, status: 400, message: 'inputs.0: each value in nested property inputs must be either object or array' },
  { name: 'a numeric input name', method: 'POST', path: INFER, body: simpleBody({ name: 7 }), status: 400, message: 'inputs.0.name must be a string' },
  { name: 'an empty input name', method: 'POST', path: INFER, body: simpleBody({ name: '' }), status: 400, message: 'inputs.0.name must be longer than or equal to 1 characters' },
  { name: 'a shape that is a string', method: 'POST', path: INFER, body: simpleBody({ shape: '1,16' }), status: 400, message: 'inputs.0.shape must be an array' },
  { name: 'a shape with a string dimension', method: 'POST', path: INFER, body: simpleBody({ shape: ['1', 16] }), status: 400, message: 'inputs.0.shape must contain only integers' },
  { name: 'a non-integer dimension', method: 'POST', path: INFER, body: simpleBody({ shape: [1.5, 16] }), status: 400, message: 'inputs.0.shape must contain only integers' },
  { name: 'a numeric datatype', method: 'POST', path: INFER, body: simpleBody({ datatype: 32 }), status: 400, message: 'inputs.0.datatype must be one of' },
  { name: 'an unknown datatype', method: 'POST', path: INFER, body: simpleBody({ datatype: 'FLOAT32' }), status: 400, message: 'inputs.0.datatype must be one of' },
  { name: 'a lower-case datatype', method: 'POST', path: INFER, body: simpleBody({ datatype: 'int32' }), status: 400, message: 'inputs.0.datatype must be one of' },
  { name: 'data that is an object', method: 'POST', path: INFER, body: simpleBody({ data: { 0: 1 } }), status: 400, message: "input 'INPUT0': data must be a JSON array" },
  { name: 'data that is null', method: 'POST', path: INFER, body: simpleBody({ data: null }), status: 400, message: "input 'INPUT0': data must be a JSON array" },
  { name: 'no data and no binary_data_size', method: 'POST', path: INFER, body: simpleBody({ data: undefined }), status: 400, message: 'inputs.0.data is required' },
  { name: 'request parameters that are an array', method: 'POST', path: INFER, body: simpleBody({}, { parameters: [1] }), status: 400, message: 'parameters must be an object' },
  { name: 'input parameters that are a string', method: 'POST', path: INFER, body: simpleBody({ parameters: 'binary' }), status: 400, message: 'inputs.0.parameters must be an object' },
  { name: 'outputs as an object', method: 'POST', path: INFER, body: simpleBody({}, { outputs: { name: 'OUTPUT0' } }), status: 400, message: 'outputs must be an array' },
  { name: 'a numeric output name', method: 'POST', path: INFER, body: simpleBody({}, { outputs: [{ name: 0 }] }), status: 400, message: 'outputs.0.name must be a string' },
  { name: 'output parameters that are a number', method: 'POST', path: INFER, body: simpleBody({}, { outputs: [{ name: 'OUTPUT0', parameters: 1 }] }), status: 400, message: 'outputs.0.parameters must be an object' },
  { name: 'a numeric request id', method: 'POST', path: INFER, body: simpleBody({}, { id: 42 }), status: 400, message: 'id must be a string' },
  { name: 'an unknown top-level key', method: 'POST', path: INFER, body: simpleBody({}, { input: [] }), status: 400, message: 'input: property input should not exist' },
  { name: 'an unknown key in an input', method: 'POST', path: INFER, body: simpleBody({ dims: [16] }), status: 400, message: 'inputs.0.dims: property dims should not exist' },
  { name: 'a classification that is not a count', method: 'POST', path: INFER, body: simpleBody({}, { outputs: [{ name: 'OUTPUT0', parameters: { classification: 'top' } }] }), status: 400, message: "Unable to parse 'classification' in the parameters of output 'OUTPUT0': expected an integer, got \"top\"" },
  { name: 'a classification of 0', method: 'POST', path: INFER, body: simpleBody({}, { outputs: [{ name: 'OUTPUT0', parameters: { classification: 0 } }] }), status: 400, message: "output 'OUTPUT0': parameters.classification must be a positive integer, not 0" },
  { name: 'binary_data_output that is a string', method: 'POST', path: INFER, body: simpleBody({}, { parameters: { binary_data_output: 'yes' } }), status: 400, message: "Unable to parse 'binary_data_output' in the parameters of the request: expected a boolean, got \"yes\"" },
  { name: 'an output binary_data that is a string', method: 'POST', path: INFER, body: simpleBody({}, { outputs: [{ name: 'OUTPUT0', parameters: { binary_data: 'true' } }] }), status: 400, message: "Unable to parse 'binary_data' in the parameters of output 'OUTPUT0': expected a boolean, got \"true\"" },

  // Shapes, counts and values the model cannot take.
  { name: 'an unknown model', method: 'POST', path: '/v2/models/nope/infer', body: simpleBody(), status: 404, message: "unknown model 'nope'" },
  { name: 'an unknown input', method: 'POST', path: INFER, body: simpleBody({ name: 'INPUT9' }), status: 400, message: "model 'simple' has no input 'INPUT9' (inputs: INPUT0, INPUT1)" },
  { name: 'a missing input', method: 'POST', path: INFER, body: { inputs: [simpleInput()] }, status: 400, message: "model 'simple': input 'INPUT1' is missing" },
  { name: 'a duplicate input', method: 'POST', path: INFER, body: { inputs: [simpleInput(), simpleInput()] }, status: 400, message: "input 'INPUT0' is given twice" },
  { name: 'more inputs than the model has', method: 'POST', path: INFER, body: { inputs: [simpleInput(), simpleInput(), simpleInput({ name: 'INPUT1' })] }, status: 400, message: "model 'simple' has 2 inputs; the request lists 3" },
  { name: 'more outputs than the model has', method: 'POST', path: INFER, body: simpleBody({}, { outputs: vec(20_000, { name: 'OUTPUT0' }) }), status: 400, message: "model 'simple' has 2 outputs; the request lists 20000" },
  { name: 'a datatype mismatch', method: 'POST', path: INFER, body: simpleBody({ datatype: 'FP32' }), status: 400, message: "input 'INPUT0': datatype FP32 does not match the model's INT32" },
  { name: 'a shape mismatch', method: 'POST', path: INFER, body: simpleBody({ shape: [1, 8], data: vec(8) }), status: 400, message: "shape [1,8] does not match the model's [-1,16]" },
  { name: 'an element count mismatch', method: 'POST', path: INFER, body: simpleBody({ data: vec(15) }), status: 400, message: "input 'INPUT0': shape [1,16] holds 16 elements but data has 15" },
  { name: 'a batch above max_batch_size', method: 'POST', path: INFER, body: simpleBody({ shape: [9, 16], data: vec(144) }), status: 400, message: 'batch size 9 is outside 1..8' },
  { name: 'a batch of zero', method: 'POST', path: INFER, body: { inputs: ['INPUT0', 'INPUT1'].map((name) => simpleInput({ name, shape: [0, 16], data: [] })) }, status: 400, message: 'batch size 0 is outside 1..8' },
  { name: 'a negative dimension', method: 'POST', path: INFER, body: simpleBody({ shape: [-1, 16] }), status: 400, message: 'shape must contain only sizes ≥ 0' },
  { name: 'a huge dimension', method: 'POST', path: INFER, body: simpleBody({ shape: [1e15, 16] }), status: 400, message: 'holds 16000000000000000 elements but data has 16' },
  { name: 'dimensions whose product overflows', method: 'POST', path: INFER, body: simpleBody({ shape: [1e308, 1e308] }), status: 400, message: 'holds Infinity elements but data has 16' },
  { name: 'a dimension past 2^64', method: 'POST', path: INFER, body: simpleBody({ shape: [2 ** 64, 16] }), status: 400, message: 'shape [18446744073709552000,16] holds' },
  { name: 'a 33-dimensional shape', method: 'POST', path: INFER, body: simpleBody({ shape: vec(33) }), status: 400, message: 'inputs.0.shape may have at most 32 dimensions' },
  { name: 'a value out of INT32 range', method: 'POST', path: INFER, body: simpleBody({ data: [...vec(15), 2 ** 31] }), status: 400, message: 'element 15 is 2147483648, expected an integer' },
  { name: 'a string in numeric data', method: 'POST', path: INFER, body: simpleBody({ data: [...vec(15), 'x'] }), status: 400, message: 'element 15 is "x"' },
  { name: 'a null in numeric data', method: 'POST', path: INFER, body: simpleBody({ data: [...vec(15), null] }), status: 400, message: 'element 15 is null' },
  { name: 'data nested deeper than the shape', method: 'POST', path: INFER, body: simpleBody({ data: [[vec(16)]] }), status: 400, message: 'nested deeper than the shape' },
  { name: 'data nested 100000 levels deep', method: 'POST', path: INFER, body: edit(simpleBody(), `"data":[${vec(16).join(',')}]`, `"data":${nested(100_000)}`), status: 400, message: 'body is nested deeper than 32 levels' },
  { name: 'an unknown output', method: 'POST', path: INFER, body: simpleBody({}, { outputs: [{ name: 'OUTPUT7' }] }), status: 400, message: "model 'simple' has no output 'OUTPUT7' (outputs: OUTPUT0, OUTPUT1)" },
  { name: 'an output asked for twice', method: 'POST', path: INFER, body: simpleBody({}, { outputs: [{ name: 'OUTPUT0' }, { name: 'OUTPUT0' }] }), status: 400, message: "output 'OUTPUT0' is requested twice" },

  // Prototype keys, in every object position of every body.
  { name: '__proto__ in the V2 envelope', method: 'POST', path: INFER, body: edit(simpleBody(), '{"inputs"', '{"__proto__":{"admin":true},"inputs"'), status: 400, message: "key '__proto__' is not allowed (at __proto__)" },
  { name: '__proto__ in request parameters', method: 'POST', path: INFER, body: '{"inputs":[],"parameters":{"__proto__":{"x":1}}}', status: 400, message: "key '__proto__' is not allowed (at parameters.__proto__)" },
  { name: 'constructor in an input', method: 'POST', path: INFER, body: simpleBody({ constructor: {} }), status: 400, message: "key 'constructor' is not allowed (at inputs.0.constructor)" },
  { name: '__proto__ in the second input', method: 'POST', path: INFER, body: edit(simpleBody(), '{"name":"INPUT1"', '{"__proto__":[],"name":"INPUT1"'), status: 400, message: "key '__proto__' is not allowed (at inputs.1.__proto__)" },
  { name: 'constructor in input parameters', method: 'POST', path: INFER, body: simpleBody({ parameters: { constructor: { prototype: {} } } }), status: 400, message: "key 'constructor' is not allowed (at inputs.0.parameters.constructor)" },
  { name: '__proto__ in an outputs entry', method: 'POST', path: INFER, body: edit(simpleBody({}, { outputs: [{ name: 'OUTPUT0' }] }), '{"name":"OUTPUT0"}', '{"name":"OUTPUT0","__proto__":{}}'), status: 400, message: "key '__proto__' is not allowed (at outputs.0.__proto__)" },
  { name: 'prototype in output parameters', method: 'POST', path: INFER, body: simpleBody({}, { outputs: [{ name: 'OUTPUT0', parameters: { prototype: 1 } }] }), status: 400, message: "key 'prototype' is not allowed (at outputs.0.parameters.prototype)" },
  { name: 'an escaped __proto__ key', method: 'POST', path: INFER, body: edit(simpleBody(), '{"inputs"', '{"\\u005f_proto__":1,"inputs"'), status: 400, message: "key '__proto__' is not allowed" },
  { name: 'toString as a top-level key', method: 'POST', path: INFER, body: simpleBody({}, { toString: 1 }), status: 400, message: "key 'toString' is not allowed (at toString)" },
  { name: '__proto__ in a V1 body', method: 'POST', path: V1, body: '{"instances":[],"__proto__":{"x":1}}', status: 400, message: "key '__proto__' is not allowed (at __proto__)" },
  { name: 'constructor in a V1 instance object', method: 'POST', path: V1, body: { instances: [{ INPUT0: vec(16), INPUT1: vec(16), constructor: 1 }] }, status: 400, message: "key 'constructor' is not allowed (at instances.0.constructor)" },
  { name: '__proto__ among V1 input columns', method: 'POST', path: V1, body: edit({ inputs: { INPUT0: [vec(16)], INPUT1: [vec(16)] } }, '{"inputs":{', '{"inputs":{"__proto__":[[1]],'), status: 400, message: "key '__proto__' is not allowed (at inputs.__proto__)" },
  { name: 'constructor in a /predict body', method: 'POST', path: '/predict/versioned', body: { instances: [[1]], constructor: {} }, status: 400, message: "key 'constructor' is not allowed (at constructor)" },
  { name: '__proto__ in a repository load body', app: 'admin', method: 'POST', path: '/v2/repository/models/simple/load', body: '{"__proto__":{"x":1}}', headers: admin, status: 400, message: "key '__proto__' is not allowed (at __proto__)" },
  { name: 'constructor in repository load parameters', app: 'admin', method: 'POST', path: '/v2/repository/models/simple/load', body: { parameters: { constructor: 'x' } }, headers: admin, status: 400, message: "key 'constructor' is not allowed (at parameters.constructor)" },

  // Deep nesting.
  { name: 'a too deeply nested parameter', method: 'POST', path: INFER, body: `{"inputs":[],"parameters":{"a":${nested(50, '')}}}`, status: 400, message: 'nested deeper than 32 levels' },
  { name: 'V1 rows nested 20000 levels deep', method: 'POST', path: '/v1/models/versioned:predict', body: `{"instances":${nested(20_000)}}`, status: 400, message: 'body is nested deeper than 32 levels' },
  { name: '/predict rows nested 20000 levels deep', method: 'POST', path: '/predict/versioned', body: nested(20_000), status: 400, message: 'is nested deeper than 32 levels' },

  // Model names and versions that try to leave the model directory.
  { name: 'an encoded ../ in the model name', method: 'POST', path: '/v2/models/..%2F..%2Fetc/infer', body: simpleBody(), status: 400, message: "invalid model name '../../etc'" },
  { name: 'a lower-case encoded ../', method: 'GET', path: '/v2/models/%2e%2e%2fsecrets', status: 400, message: "invalid model name '../secrets'" },
  { name: 'an encoded backslash traversal', method: 'GET', path: '/v2/models/..%5C..%5Cetc/ready', status: 400, message: "invalid model name '..\\..\\etc'" },
  { name: 'a double-encoded traversal', method: 'GET', path: '/v2/models/%252e%252e%252fetc', status: 400, message: "invalid model name '%2e%2e%2fetc'" },
  { name: 'an absolute path as the model name', method: 'POST', path: '/v2/models/%2Fetc%2Fpasswd/infer', body: simpleBody(), status: 400, message: "invalid model name '/etc/passwd'" },
  { name: 'a dot as the model name', method: 'GET', path: '/v2/models/./ready', status: 400, message: "invalid model name '.'" },
  { name: 'a model name with a NUL', method: 'GET', path: '/v2/models/a%00b', status: 400, message: 'invalid model name' },
  { name: 'a model name with spaces', method: 'GET', path: '/v2/models/a%20b', status: 400, message: 'invalid model name' },
  { name: 'a 5000-character model name', method: 'GET', path: `/v2/models/${'m'.repeat(5000)}`, status: 400, message: `invalid model name '${'m'.repeat(64)}…[5000 characters]'` },
  { name: 'unencoded ../ segments', method: 'GET', path: '/v2/models/../../etc/passwd', status: 404, message: 'Cannot GET /v2/models/../../etc/passwd' },
  { name: 'a traversal in the version', method: 'GET', path: '/v2/models/simple/versions/..%2F1', status: 400, message: 'invalid version' },
  { name: 'an absolute path as the version', method: 'POST', path: '/v2/models/simple/versions/%2Fetc%2Fpasswd/infer', body: simpleBody(), status: 400, message: "invalid version '/etc/passwd' for model 'simple'" },
  { name: 'a NUL in the version', method: 'GET', path: '/v2/models/simple/versions/1%00', status: 400, message: "invalid version '1\u0000' for model 'simple'" },
  { name: 'a version past 2^53', method: 'POST', path: '/v2/models/simple/versions/99999999999999999999/infer', body: simpleBody(), status: 400, message: "invalid version '99999999999999999999'" },
  { name: 'a traversal in a V1 model name', method: 'POST', path: '/v1/models/..%2F..%2Fetc:predict', body: [[1]], status: 400, message: "invalid model name '../../etc'" },
  { name: 'a traversal in a /predict model name', method: 'POST', path: '/predict/%2Fetc%2Fpasswd', body: [[1]], status: 400, message: "invalid model name '/etc/passwd'" },
  { name: 'a traversal in a repository load', app: 'admin', method: 'POST', path: '/v2/repository/models/..%2F..%2Ftmp/load', body: {}, headers: admin, status: 400, message: "invalid model name '../../tmp'" },
  { name: 'an upload that names another file', app: 'admin', method: 'POST', path: '/v2/repository/models/simple/load', body: { parameters: { config: '{}', 'file:1/../../../x.onnx': 'AAAA' } }, headers: admin, status: 400, message: 'only file:<version>/model.onnx can be uploaded' },
  { name: 'a bad percent-encoding in the path', method: 'POST', path: '/v2/models/%ZZ/infer', body: simpleBody(), status: 400, message: "Failed to decode param '%ZZ'" },

  // The binary tensor extension: header lengths and sizes that do not add up.
  { name: 'an Inference-Header-Content-Length that is not a number', method: 'POST', path: INFER, body: JSON.stringify(simpleBody()), headers: { 'inference-header-content-length': 'abc' }, status: 400, message: "Inference-Header-Content-Length 'abc' must be an integer from 0 to the body length" },
  { name: 'a negative Inference-Header-Content-Length', method: 'POST', path: INFER, body: JSON.stringify(simpleBody()), headers: { 'inference-header-content-length': '-5' }, status: 400, message: "Inference-Header-Content-Length '-5' must be an integer" },
  { name: 'an Inference-Header-Content-Length past the body', method: 'POST', path: INFER, ...binary({ inputs: [binaryInput('INPUT0', 64), binaryInput('INPUT1', 64)] }, [int32s(16), int32s(16)], '100000'), status: 400, message: "Inference-Header-Content-Length '100000' must be an integer from 0 to the body length" },
  { name: 'an Inference-Header-Content-Length inside the JSON', method: 'POST', path: INFER, ...binary({ inputs: [binaryInput('INPUT0', 64), binaryInput('INPUT1', 64)] }, [int32s(16), int32s(16)], '20'), status: 400, message: 'malformed JSON in request body' },
  { name: 'Inference-Header-Content-Length twice', method: 'POST', path: INFER, raw: rawRequest(`POST ${INFER} HTTP/1.1\r\nContent-Length: 2\r\nInference-Header-Content-Length: 1\r\nInference-Header-Content-Length: 2`, '{}'), status: 400, message: "Inference-Header-Content-Length '1, 2' must be an integer" },
  { name: 'a truncated binary section', method: 'POST', path: INFER, ...binary({ inputs: [binaryInput('INPUT0', 64), binaryInput('INPUT1', 64)] }, [int32s(16), int32s(15)]), status: 400, message: "input 'INPUT1': binary_data_size 64 runs past the end of the binary data (60 bytes left)" },
  { name: 'a binary section longer than the sizes', method: 'POST', path: INFER, ...binary({ inputs: [binaryInput('INPUT0', 64), binaryInput('INPUT1', 64)] }, [int32s(16), int32s(17)]), status: 400, message: "the binary data is 132 bytes but the inputs' binary_data_size add up to 128" },
  { name: 'a binary size that disagrees with the shape', method: 'POST', path: INFER, ...binary({ inputs: [binaryInput('INPUT0', 60), binaryInput('INPUT1', 64)] }, [int32s(15), int32s(16)]), status: 400, message: "input 'INPUT0': binary data is 60 bytes but shape [1,16] of INT32 needs 64" },
  { name: 'a negative binary_data_size', method: 'POST', path: INFER, ...binary({ inputs: [binaryInput('INPUT0', -64), binaryInput('INPUT1', 64)] }, [int32s(16)]), status: 400, message: "input 'INPUT0': binary_data_size must be a non-negative integer" },
  { name: 'a binary_data_size that is a string', method: 'POST', path: INFER, ...binary({ inputs: [binaryInput('INPUT0', '64'), binaryInput('INPUT1', 64)] }, [int32s(32)]), status: 400, message: "Unable to parse 'binary_data_size' in the parameters of input 'INPUT0': expected an integer, got \"64\"" },
  { name: 'binary_data_size without the header length', method: 'POST', path: INFER, body: { inputs: [binaryInput('INPUT0', 64), binaryInput('INPUT1', 64)] }, status: 400, message: "input 'INPUT0' has binary_data_size but the request has no Inference-Header-Content-Length" },
  { name: 'both data and binary_data_size', method: 'POST', path: INFER, ...binary({ inputs: [{ ...binaryInput('INPUT0', 64), data: vec(16) }, binaryInput('INPUT1', 64)] }, [int32s(32)]), status: 400, message: "input 'INPUT0': give data or parameters.binary_data_size, not both" },
  { name: 'a raw binary body for a two-input model', method: 'POST', path: INFER, body: int32s(32), headers: { 'inference-header-content-length': '0' }, status: 400, message: "model 'simple' has 2 inputs; a raw binary request needs exactly 1" },
  { name: 'a raw binary body that is not whole elements', method: 'POST', path: '/v2/models/versioned/infer', body: Buffer.alloc(7), headers: { 'inference-header-content-length': '0' }, status: 400, message: "input 'x': 7 bytes is not a whole number of 4-byte rows" },
  { name: 'a BYTES length prefix past the end', method: 'POST', path: '/v2/models/identity_all/infer', ...binary(bytesInput(8), [bytesElement(1_000_000, Buffer.from('abcd'))]), status: 400, message: "input 'IN_BYTES': BYTES element 0 declares 1000000 bytes but only 4 remain" },
  { name: 'a BYTES length prefix of 2^32-1', method: 'POST', path: '/v2/models/identity_all/infer', ...binary(bytesInput(4), [bytesElement(0xffffffff, Buffer.alloc(0))]), status: 400, message: 'BYTES element 0 declares 4294967295 bytes but only 0 remain' },
  { name: 'a truncated BYTES length prefix', method: 'POST', path: '/v2/models/identity_all/infer', ...binary(bytesInput(2), [Buffer.alloc(2)]), status: 400, message: "input 'IN_BYTES': BYTES element 0 has a truncated length prefix" },
  { name: 'a BOOL byte that is not 0 or 1', method: 'POST', path: '/v2/models/identity_all/infer', ...binary({ inputs: [{ name: 'IN_BOOL', shape: [1], datatype: 'BOOL', parameters: { binary_data_size: 1 } }] }, [Buffer.from([7])]), status: 400, message: "input 'IN_BOOL': BOOL elements must be bytes 0 or 1" },

  // Encodings and sizes.
  { name: 'an unknown Content-Encoding', method: 'POST', path: INFER, body: JSON.stringify(simpleBody()), headers: { 'content-encoding': 'snappy' }, status: 415, message: 'unsupported Content-Encoding: snappy' },
  { name: 'stacked Content-Encodings', method: 'POST', path: INFER, body: gzipSync(gzipSync(JSON.stringify(simpleBody()))), headers: { 'content-encoding': 'gzip, gzip' }, status: 415, message: 'unsupported Content-Encoding: gzip, gzip' },
  { name: 'plain JSON labelled gzip', method: 'POST', path: INFER, body: JSON.stringify(simpleBody()), headers: { 'content-encoding': 'gzip' }, status: 400, message: 'could not read request body: incorrect header check' },
  { name: 'a truncated gzip body', method: 'POST', path: INFER, body: gzipSync(JSON.stringify(simpleBody())).subarray(0, 30), headers: { 'content-encoding': 'gzip' }, status: 400, message: 'could not read request body: unexpected end of file' },
  { name: 'a corrupt deflate body', method: 'POST', path: INFER, body: Buffer.from('not deflate'), headers: { 'content-encoding': 'deflate' }, status: 400, message: 'could not read request body' },
  { name: 'a corrupt brotli body', method: 'POST', path: INFER, body: Buffer.from('not brotli'), headers: { 'content-encoding': 'br' }, status: 400, message: 'could not read request body: Decompression failed' },
  { name: 'a gzip bomb', method: 'POST', path: INFER, body: gzipSync(Buffer.alloc(16 * LIMIT, 0x20)), headers: { 'content-encoding': 'gzip' }, status: 413, message: `request body exceeds MAX_REQUEST_BYTES (${LIMIT} bytes)` },
  { name: 'a deflate bomb', method: 'POST', path: INFER, body: deflateSync(Buffer.alloc(16 * LIMIT, 0x20)), headers: { 'content-encoding': 'deflate' }, status: 413, message: `request body exceeds MAX_REQUEST_BYTES (${LIMIT} bytes)` },
  { name: 'a brotli bomb', method: 'POST', path: INFER, body: brotliCompressSync(Buffer.alloc(16 * LIMIT, 0x20), { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } }), headers: { 'content-encoding': 'br' }, status: 413, message: `request body exceeds MAX_REQUEST_BYTES (${LIMIT} bytes)` },
  { name: 'a Content-Length past MAX_REQUEST_BYTES, answered before the body', method: 'POST', path: INFER, raw: rawRequest(`POST ${INFER} HTTP/1.1\r\nContent-Length: ${100 * LIMIT}`, '{"inputs":'), status: 413, message: `request body exceeds MAX_REQUEST_BYTES (${LIMIT} bytes)` },
  { name: 'a body past MAX_REQUEST_BYTES', method: 'POST', path: INFER, body: edit(simpleBody(), '{"inputs"', `{"id":"${'x'.repeat(LIMIT)}","inputs"`), status: 413, message: `request body exceeds MAX_REQUEST_BYTES (${LIMIT} bytes)` },

  // Malformed HTTP, refused by Node's parser before any route runs.
  { name: 'an oversized header', method: 'GET', path: '/v2/health/live', headers: { 'x-filler': 'a'.repeat(20_000) }, status: 431, message: "the request line and headers exceed the server's limit of 16384 bytes" },
  { name: 'three thousand headers', method: 'GET', path: '/v2/health/live', headers: Object.fromEntries(vec(3000).map((_, i) => [`x-h${i}`, 'v'])), status: 431, message: "exceed the server's limit" },
  { name: 'a request line that is not HTTP', method: 'GET', path: '', raw: Buffer.from('GARBAGE\r\n\r\n'), status: 400, message: 'malformed HTTP request: Invalid method encountered (HPE_INVALID_METHOD)' },
  { name: 'an unknown HTTP version', method: 'GET', path: '/', raw: rawRequest('GET / HTTP/9.9'), status: 400, message: 'malformed HTTP request: Invalid HTTP version' },
  { name: 'a negative Content-Length', method: 'POST', path: INFER, raw: rawRequest(`POST ${INFER} HTTP/1.1\r\nContent-Length: -1`, '{}'), status: 400, message: 'malformed HTTP request: Invalid character in Content-Length' },
  { name: 'Content-Length with Transfer-Encoding', method: 'POST', path: INFER, raw: rawRequest(`POST ${INFER} HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked`, '0\r\n\r\n'), status: 400, message: "can't be present with" },
  { name: 'a chunk size that is not hex', method: 'POST', path: INFER, raw: rawRequest(`POST ${INFER} HTTP/1.1\r\nTransfer-Encoding: chunked`, 'zz\r\nabc\r\n0\r\n\r\n'), status: 400, message: 'malformed HTTP request: Invalid character in chunk size' },
  { name: 'a NUL in a header value', method: 'GET', path: '/v2/health/live', raw: rawRequest('GET /v2/health/live HTTP/1.1\r\nX-Note: a\u0000b'), status: 400, message: 'malformed HTTP request: Invalid header value char' },

  { name: 'an Expect header other than 100-continue', method: 'POST', path: INFER, body: simpleBody(), headers: { expect: 'a-miracle' }, status: 417, message: "unsupported Expect header 'a-miracle': only 100-continue is supported" },

  // Routes, methods and the other protocols.
  { name: 'an unknown route', method: 'GET', path: '/v2/nothing', status: 404, message: 'Cannot GET /v2/nothing' },
  { name: 'a wrong method', method: 'GET', path: INFER, status: 404, message: 'Cannot GET' },
  { name: 'an unknown model on V1', method: 'POST', path: '/v1/models/nope:predict', body: [[1]], status: 404, message: "unknown model 'nope'" },
  { name: 'a V1 verb other than predict', method: 'POST', path: '/v1/models/simple:explain', body: [[1]], status: 404, message: "expected '<model>:predict'" },
  { name: 'a V1 body of the wrong kind', method: 'POST', path: V1, body: { rows: [] }, status: 400, message: 'expected {"instances": [...]}' },
  { name: 'V1 instances that are a string', method: 'POST', path: V1, body: { instances: 'x' }, status: 400, message: '"instances" must be a JSON array of rows' },
  { name: 'a V1 multi-input row that is an array', method: 'POST', path: V1, body: [vec(16)], status: 400, message: "instance 0 must be an object with key 'INPUT0'" },
  { name: 'a V1 body needing more runs than MAX_INFLIGHT_PER_MODEL', method: 'POST', path: '/v1/models/versioned:predict', body: { instances: vec(513, [1]) }, status: 413, message: "model 'versioned' runs at most 1 instances at a time, so 513 instances need 513 runs at once; MAX_INFLIGHT_PER_MODEL is 512" },
  { name: 'ragged V1 rows', method: 'POST', path: V1, body: { inputs: { INPUT0: [vec(16), vec(15)], INPUT1: [vec(16), vec(16)] } }, status: 400, message: "input 'INPUT0': instance 1 has a different shape than instance 0" },
  { name: 'a V1 status for an unknown model', method: 'GET', path: '/v1/models/nope', status: 404, message: "unknown model 'nope'" },
  { name: '/predict without its default model', method: 'POST', path: '/predict', body: [[1]], status: 404, message: "DEFAULT_MODEL 'langid', which the model repository does not have" },
  { name: 'repository parameters that are an array', app: 'admin', method: 'POST', path: '/v2/repository/models/simple/load', body: { parameters: [] }, headers: admin, status: 400, message: '"parameters" must be an object' },
  { name: 'a repository index with a non-boolean ready', app: 'admin', method: 'POST', path: '/v2/repository/index', body: { ready: 'yes' }, headers: admin, status: 400, message: '"ready" must be a boolean' },
  { name: 'a repository call with a junk token', app: 'admin', method: 'POST', path: '/v2/repository/index', body: '{}', headers: { authorization: 'Bearer \u00ff\u00fe' }, status: 403, message: 'the admin token is not valid' },
];

/** The request's bytes as a client would write them, or the raw bytes of the case. */
const encode = (c: BadCase): Buffer => c.raw ?? httpRequest(c.method, c.path, c.body, c.headers);

describe('bad requests', () => {
  let main: TestApp;
  let adminApp: TestApp;
  let repo: string;
  beforeAll(async () => {
    // The admin server loads and unloads models, so it gets a copy of the one it needs.
    repo = mkdtempSync(join(tmpdir(), 'perch-bad-requests-'));
    cpSync(join(FIXTURE_MODELS, 'simple'), join(repo, 'simple'), { recursive: true });
    [main, adminApp] = await Promise.all([
      startApp({ MODEL_REPOSITORY: FIXTURE_MODELS, MAX_REQUEST_BYTES: String(LIMIT) }),
      startApp({
        MODEL_REPOSITORY: repo,
        MODEL_CONTROL_MODE: 'explicit',
        STARTUP_MODELS: 'simple',
        ADMIN_TOKEN: TOKEN,
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([main?.close(), adminApp?.close()]);
    rmSync(repo, { recursive: true, force: true });
  });
  const appFor = (c: BadCase): TestApp => (c.app === 'admin' ? adminApp : main);

  it('has a name for every case, and no name twice', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES)('$name gets $status and a clear {"error"}', async (c) => {
    const res = await sendRaw(appFor(c), encode(c));
    expect({ status: res.status, body: res.text }).toMatchObject({ status: c.status });
    expect(res.headers['content-type']).toBe('application/json');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    const json = JSON.parse(res.text) as { error: string };
    expect(Object.keys(json)).toEqual(['error']);
    expect(json.error).toContain(c.message);
    expect(res.text).not.toMatch(/\n\s+at |\.js:\d+/);
  });

  it('logs each bad request exactly once', async () => {
    // JSON log lines: the error filter's and the HTTP parser's lines carry the same context.
    const errorLines = (app: TestApp) =>
      app
        .output()
        .split('\n')
        .filter((l) => l.includes('"context":"Errors"'));
    for (const app of [main, adminApp]) {
      const expected = CASES.filter((c) => appFor(c) === app).length;
      await waitForOutput(app, () => errorLines(app).length >= expected);
      // Long enough for a second line about the same request to arrive, if there were one.
      await new Promise((r) => setTimeout(r, 100));
      expect(errorLines(app)).toHaveLength(expected);
      expect(errorLines(app).join('\n')).not.toContain('"level":"error"');
    }
  });

  it('parses bodies whatever Content-Type says, or without one', async () => {
    for (const type of [
      undefined,
      'text/plain',
      'application/octet-stream',
      'application/x-www-form-urlencoded',
      'json',
      ';;;',
    ]) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const res = await call(main, 'POST', INFER, JSON.stringify(simpleBody()), headers);
      expect(res.status).toBe(200);
    }
  });

  it('keeps serving correctly after all of them', async () => {
    for (const app of [main, adminApp]) {
      const res = await call(app, 'POST', INFER, simpleBody({ data: vec(16, 5) }), admin);
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ outputs: [{ data: vec(16, 6) }, { data: vec(16, 4) }] });
    }
  });
});
