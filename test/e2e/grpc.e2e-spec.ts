import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  GrpcApp,
  GrpcTestClient,
  InferAnswer,
  grpc,
  metadata,
  methodCodec,
  startGrpcApp,
} from '../helpers/grpc-client';
import { frame, rawGrpcCall } from '../helpers/raw-grpc';
import { call, EXAMPLE_MODELS, FIXTURE_MODELS, waitForOutput } from '../helpers/test-app';

const LIMIT = 1024 * 1024;
const SERVICE = 'inference.GRPCInferenceService';
const ones = (n: number, v = 1) => new Array<number>(n).fill(v);
const int32Raw = (values: number[]) => Buffer.from(Int32Array.from(values).buffer);
const simpleTyped = (a: number[], b: number[], over: object = {}) => ({
  model_name: 'simple',
  inputs: [
    { name: 'INPUT0', datatype: 'INT32', shape: [1, 16], contents: { int_contents: a } },
    { name: 'INPUT1', datatype: 'INT32', shape: [1, 16], contents: { int_contents: b } },
  ],
  ...over,
});
const range16 = Array.from({ length: 16 }, (_, i) => i);

/**
 * GRPCInferenceService end to end: a real Perch process, a real @grpc/grpc-js client loading the
 * same .proto files. The repository holds working models (simple, versioned, identity_all with
 * every datatype and identity_typed with all but FP16, iris, tiny_queue holding requests 200 ms
 * with a queue of 1) and a corrupt one.
 */
describe('gRPC: GRPCInferenceService', () => {
  let server: GrpcApp;
  let client: GrpcTestClient;
  let repo: string;
  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'perch-grpc-'));
    for (const name of [
      'simple',
      'versioned',
      'identity_all',
      'identity_typed',
      'corrupt',
      'tiny_queue',
    ])
      cpSync(join(FIXTURE_MODELS, name), join(repo, name), { recursive: true });
    cpSync(join(EXAMPLE_MODELS, 'iris'), join(repo, 'iris'), { recursive: true });
    server = await startGrpcApp({ MODEL_REPOSITORY: repo, MAX_REQUEST_BYTES: String(LIMIT) });
    client = new GrpcTestClient(server.target);
  });
  afterAll(async () => {
    client.close();
    expect(await server.app.close()).toBe(0);
    rmSync(repo, { recursive: true, force: true });
  });

  it('logs where it listens', () => {
    expect(server.app.output()).toContain(`Perch gRPC listening on ${server.target} (h2c)`);
  });

  describe('health and metadata', () => {
    it('ServerLive and ServerReady (not ready: a model is corrupt, as /v2/health/ready says)', async () => {
      expect(await client.call('ServerLive', {})).toMatchObject({ value: { live: true } });
      expect(await client.call('ServerReady', {})).toMatchObject({ value: { ready: false } });
      expect((await call(server.app, 'GET', '/v2/health/ready')).status).toBe(503);
    });

    it('ServerMetadata names the server and its extensions', async () => {
      const res = await client.call('ServerMetadata', {});
      expect(res).toMatchObject({
        value: {
          name: 'perch',
          version: expect.stringMatching(/^\d+\.\d+\.\d+/),
          extensions: ['binary_tensor_data', 'classification', 'model_configuration', 'statistics'],
        },
      });
    });

    it.each([
      [{ name: 'simple' }, { ok: true, value: { ready: true } }],
      [
        { name: 'versioned', version: '2' },
        { ok: true, value: { ready: true } },
      ],
      [{ name: 'corrupt' }, { ok: true, value: { ready: false } }],
      [
        { name: 'nope' },
        { ok: false, code: grpc.status.NOT_FOUND, details: "unknown model 'nope'" },
      ],
      [
        { name: 'versioned', version: '1' },
        {
          ok: false,
          code: grpc.status.NOT_FOUND,
          details: "model 'versioned' has no version 1 (served: 2, 3)",
        },
      ],
    ])('ModelReady %j', async (request, expected) => {
      expect(await client.call('ModelReady', request)).toMatchObject(expected);
    });

    it('ModelMetadata gives names, datatypes and shapes (-1: any size)', async () => {
      const res = await client.call('ModelMetadata', { name: 'simple' });
      expect(res).toMatchObject({
        ok: true,
        value: {
          name: 'simple',
          versions: ['1'],
          platform: 'onnxruntime_onnx',
          inputs: [
            { name: 'INPUT0', datatype: 'INT32', shape: ['-1', '16'] },
            { name: 'INPUT1', datatype: 'INT32', shape: ['-1', '16'] },
          ],
          outputs: [{ name: 'OUTPUT0' }, { name: 'OUTPUT1' }],
        },
      });
      const versioned = await client.call('ModelMetadata', { name: 'versioned', version: '2' });
      expect(versioned).toMatchObject({ value: { versions: ['2', '3'] } });
    });

    it('ModelConfig is the effective config in Triton ModelConfig form', async () => {
      const res = await client.call<{ config: Record<string, unknown> }>('ModelConfig', {
        name: 'simple',
      });
      expect(res).toMatchObject({
        ok: true,
        value: {
          config: {
            name: 'simple',
            platform: 'onnxruntime_onnx',
            backend: 'onnxruntime',
            max_batch_size: 8,
            input: [
              { name: 'INPUT0', data_type: 'TYPE_INT32', dims: ['16'] },
              { name: 'INPUT1', data_type: 'TYPE_INT32', dims: ['16'] },
            ],
            version_policy: { latest: { num_versions: 1 } },
          },
        },
      });
      const iris = await client.call<{ config: { output: { label_filename: string }[] } }>(
        'ModelConfig',
        { name: 'iris' },
      );
      expect(iris.ok && iris.value.config.output[1].label_filename).toBe('labels.txt');
    });

    it('ModelConfig and ModelMetadata of a corrupt model are UNAVAILABLE with the reason', async () => {
      for (const method of ['ModelConfig', 'ModelMetadata']) {
        const res = await client.call(method, { name: 'corrupt' });
        expect(res).toMatchObject({ ok: false, code: grpc.status.UNAVAILABLE });
        expect(!res.ok && res.details).toMatch(
          /^model 'corrupt' version 1 is UNAVAILABLE: failed to load/,
        );
      }
    });
  });

  describe('ModelInfer', () => {
    it('answers typed contents with typed contents, echoing the id', async () => {
      const res = await client.call<InferAnswer>(
        'ModelInfer',
        simpleTyped(range16, ones(16), { id: 'r-7' }),
      );
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      expect(res.value).toMatchObject({ model_name: 'simple', model_version: '1', id: 'r-7' });
      expect(res.value.raw_output_contents).toEqual([]);
      expect(
        res.value.outputs.map((o) => [o.name, o.datatype, o.shape, o.contents?.int_contents]),
      ).toEqual([
        ['OUTPUT0', 'INT32', ['1', '16'], range16.map((v) => v + 1)],
        ['OUTPUT1', 'INT32', ['1', '16'], range16.map((v) => v - 1)],
      ]);
    });

    it('answers raw inputs with raw outputs, as Triton does', async () => {
      const res = await client.call<InferAnswer>('ModelInfer', {
        model_name: 'simple',
        inputs: ['INPUT0', 'INPUT1'].map((name) => ({ name, datatype: 'INT32', shape: [1, 16] })),
        raw_input_contents: [int32Raw(range16), int32Raw(ones(16, 2))],
      });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      expect(res.value.outputs.map((o) => o.contents)).toEqual([null, null]);
      expect(res.value.raw_output_contents).toEqual([
        int32Raw(range16.map((v) => v + 2)),
        int32Raw(range16.map((v) => v - 2)),
      ]);
    });

    it('selects and orders outputs, and runs the version asked for', async () => {
      const selected = await client.call<InferAnswer>(
        'ModelInfer',
        simpleTyped(ones(16), ones(16), { outputs: [{ name: 'OUTPUT1' }] }),
      );
      expect(selected.ok && selected.value.outputs.map((o) => o.name)).toEqual(['OUTPUT1']);
      for (const [version, result] of [
        ['2', 12],
        ['3', 13],
        ['', 13],
      ] as const) {
        const res = await client.call<InferAnswer>('ModelInfer', {
          model_name: 'versioned',
          model_version: version,
          inputs: [{ name: 'x', datatype: 'FP32', shape: [1], contents: { fp32_contents: [10] } }],
        });
        expect(res).toMatchObject({ ok: true, value: { model_version: version || '3' } });
        expect(res.ok && res.value.outputs[0].contents?.fp32_contents).toEqual([result]);
      }
    });

    it('classifies as over REST: the top k of an output as BYTES "value:index:label"', async () => {
      const res = await client.call<InferAnswer>('ModelInfer', {
        model_name: 'iris',
        inputs: [
          {
            name: 'input',
            datatype: 'FP32',
            shape: [1, 4],
            contents: { fp32_contents: [5.1, 3.5, 1.4, 0.2] },
          },
        ],
        outputs: [{ name: 'probabilities', parameters: { classification: { int64_param: 2 } } }],
      });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const out = res.value.outputs[0];
      expect([out.name, out.datatype, out.shape]).toEqual(['probabilities', 'BYTES', ['1', '2']]);
      const labels = (out.contents?.bytes_contents as Buffer[]).map((b) => b.toString());
      expect(labels[0]).toMatch(/^0\.99\d*:0:setosa$/);
      expect(labels[1]).toMatch(/:(1:versicolor|2:virginica)$/);
    });
  });

  describe('every datatype (identity_all: IN_<TYPE> → OUT_<TYPE>)', () => {
    const values: Record<string, { field: string; wire: unknown[]; expected?: unknown[] }> = {
      BOOL: { field: 'bool_contents', wire: [true, false, true] },
      UINT8: { field: 'uint_contents', wire: [0, 128, 255] },
      UINT16: { field: 'uint_contents', wire: [0, 1000, 65535] },
      UINT32: { field: 'uint_contents', wire: [0, 70000, 4294967295] },
      UINT64: { field: 'uint64_contents', wire: ['0', '1', '18446744073709551615'] },
      INT8: { field: 'int_contents', wire: [-128, 0, 127] },
      INT16: { field: 'int_contents', wire: [-32768, 0, 32767] },
      INT32: { field: 'int_contents', wire: [-2147483648, 0, 2147483647] },
      INT64: {
        field: 'int64_contents',
        wire: ['-9223372036854775808', '0', '9223372036854775807'],
      },
      FP32: { field: 'fp32_contents', wire: [0.25, -1.5, 1e38] },
      FP64: { field: 'fp64_contents', wire: [1e-300, -0.1, 1e300] },
      BYTES: {
        field: 'bytes_contents',
        wire: ['', 'ascii', 'ünïcödé 慢走。'].map((s) => Buffer.from(s)),
      },
    };

    it('round-trips each one in typed contents (identity_typed: all but FP16)', async () => {
      const res = await client.call<InferAnswer>('ModelInfer', {
        model_name: 'identity_typed',
        inputs: Object.entries(values).map(([type, v]) => ({
          name: `IN_${type}`,
          datatype: type,
          shape: [3],
          contents: { [v.field]: v.wire },
        })),
        outputs: Object.keys(values).map((type) => ({ name: `OUT_${type}` })),
      });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      for (const [type, v] of Object.entries(values)) {
        const out = res.value.outputs.find((o) => o.name === `OUT_${type}`);
        expect([out?.datatype, out?.shape]).toEqual([type, ['3']]);
        const got = out?.contents?.[v.field];
        if (type === 'FP32')
          expect((got as number[]).map(Math.fround)).toEqual((v.wire as number[]).map(Math.fround));
        else expect(got).toEqual(v.wire);
      }
    });

    it('round-trips each one, FP16 and BYTES with length prefixes included, in raw contents', async () => {
      const raw: Record<string, Buffer> = {
        BOOL: Buffer.from([1, 0, 1]),
        UINT8: Buffer.from(Uint8Array.from([0, 128, 255]).buffer),
        UINT16: Buffer.from(Uint16Array.from([0, 1000, 65535]).buffer),
        UINT32: Buffer.from(Uint32Array.from([0, 70000, 4294967295]).buffer),
        UINT64: Buffer.from(BigUint64Array.from([0n, 1n, 2n ** 64n - 1n]).buffer),
        INT8: Buffer.from(Int8Array.from([-128, 0, 127]).buffer),
        INT16: Buffer.from(Int16Array.from([-32768, 0, 32767]).buffer),
        INT32: int32Raw([-2147483648, 0, 2147483647]),
        INT64: Buffer.from(BigInt64Array.from([-(2n ** 63n), 0n, 2n ** 63n - 1n]).buffer),
        FP16: Buffer.from(Uint16Array.from([0x3800, 0xc000, 0x7bff]).buffer),
        FP32: Buffer.from(Float32Array.from([0.25, -1.5, 1e38]).buffer),
        FP64: Buffer.from(Float64Array.from([1e-300, -0.1, 1e300]).buffer),
        BYTES: Buffer.concat(
          ['', 'ascii', 'ünïcödé 慢走。'].flatMap((s) => {
            const bytes = Buffer.from(s);
            const length = Buffer.alloc(4);
            length.writeUInt32LE(bytes.length);
            return [length, bytes];
          }),
        ),
      };
      const types = Object.keys(raw);
      const res = await client.call<InferAnswer>('ModelInfer', {
        model_name: 'identity_all',
        inputs: types.map((type) => ({ name: `IN_${type}`, datatype: type, shape: [3] })),
        outputs: types.map((type) => ({ name: `OUT_${type}` })),
        raw_input_contents: types.map((type) => raw[type]),
      });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      expect(res.value.outputs.map((o) => [o.name, o.datatype])).toEqual(
        types.map((t) => [`OUT_${t}`, t]),
      );
      expect(res.value.raw_output_contents).toEqual(types.map((type) => raw[type]));
    });

    it('answers an FP16 output raw even to a typed request (FP16 has no typed field)', async () => {
      const res = await client.call<InferAnswer>('ModelInfer', {
        model_name: 'identity_all',
        inputs: [
          { name: 'IN_INT32', datatype: 'INT32', shape: [1], contents: { int_contents: [5] } },
          { name: 'IN_FP16', datatype: 'FP16', shape: [1] },
        ],
        outputs: [{ name: 'OUT_INT32' }],
        raw_input_contents: [int32Raw([5]), Buffer.from([0x00, 0x3c])],
      });
      // contents beside raw_input_contents is refused, as Triton refuses it
      expect(res).toMatchObject({ ok: false, code: grpc.status.INVALID_ARGUMENT });
      const typed = await client.call<InferAnswer>('ModelInfer', {
        model_name: 'identity_all',
        inputs: [
          { name: 'IN_FP16', datatype: 'FP16', shape: [1], contents: { fp32_contents: [1] } },
        ],
      });
      expect(typed).toMatchObject({
        ok: false,
        code: grpc.status.INVALID_ARGUMENT,
        details:
          "input 'IN_FP16': FP16 data must be sent in raw_input_contents (InferTensorContents has no FP16 field)",
      });
    });
  });

  describe('errors carry REST messages under the matching codes', () => {
    const cases: [string, object, grpc.status, string][] = [
      [
        'an unknown model (404)',
        simpleTyped(ones(16), ones(16), { model_name: 'nope' }),
        grpc.status.NOT_FOUND,
        "unknown model 'nope'",
      ],
      [
        'a version not served (404)',
        { ...simpleTyped(ones(16), ones(16)), model_name: 'versioned', model_version: '9' },
        grpc.status.NOT_FOUND,
        "model 'versioned' has no version 9 (served: 2, 3)",
      ],
      [
        'a malformed version (400)',
        simpleTyped(ones(16), ones(16), { model_version: 'abc' }),
        grpc.status.INVALID_ARGUMENT,
        "invalid version 'abc' for model 'simple'",
      ],
      [
        'an unknown input (400)',
        {
          model_name: 'simple',
          inputs: [
            { name: 'X', datatype: 'INT32', shape: [1, 16], contents: { int_contents: ones(16) } },
          ],
        },
        grpc.status.INVALID_ARGUMENT,
        "model 'simple'",
      ],
      [
        'a wrong shape (400)',
        {
          model_name: 'simple',
          inputs: ['INPUT0', 'INPUT1'].map((name) => ({
            name,
            datatype: 'INT32',
            shape: [1, 8],
            contents: { int_contents: ones(8) },
          })),
        },
        grpc.status.INVALID_ARGUMENT,
        "input 'INPUT0'",
      ],
      [
        'a wrong datatype (400)',
        {
          model_name: 'simple',
          inputs: ['INPUT0', 'INPUT1'].map((name) => ({
            name,
            datatype: 'FP32',
            shape: [1, 16],
            contents: { fp32_contents: ones(16) },
          })),
        },
        grpc.status.INVALID_ARGUMENT,
        'FP32',
      ],
      [
        'a corrupt model (503)',
        { model_name: 'corrupt', inputs: [] },
        grpc.status.UNAVAILABLE,
        "model 'corrupt' version 1 is UNAVAILABLE",
      ],
      [
        'a classification of 0 (400)',
        simpleTyped(ones(16), ones(16), {
          outputs: [{ name: 'OUTPUT0', parameters: { classification: { int64_param: 0 } } }],
        }),
        grpc.status.INVALID_ARGUMENT,
        "output 'OUTPUT0': parameters.classification must be a positive integer, not 0",
      ],
      [
        'binary_data_output as a string (400)',
        simpleTyped(ones(16), ones(16), {
          parameters: { binary_data_output: { string_param: 'yes' } },
        }),
        grpc.status.INVALID_ARGUMENT,
        "Unable to parse 'binary_data_output'",
      ],
      [
        'a message past MAX_REQUEST_BYTES (413)',
        { model_name: 'simple', inputs: [], raw_input_contents: [Buffer.alloc(LIMIT + 1)] },
        grpc.status.RESOURCE_EXHAUSTED,
        `the largest accepted is ${LIMIT} (MAX_REQUEST_BYTES)`,
      ],
    ];
    it.each(cases)('%s', async (_case, request, code, message) => {
      const res = await client.call('ModelInfer', request);
      expect(res).toMatchObject({ ok: false, code });
      expect(!res.ok && res.details).toContain(message);
    });

    it('a full queue is RESOURCE_EXHAUSTED with retry-after (429), the queued request answered', async () => {
      const request = (v: number) => ({
        model_name: 'tiny_queue',
        inputs: ['INPUT0', 'INPUT1'].map((name) => ({
          name,
          datatype: 'INT32',
          shape: [1, 16],
          contents: { int_contents: ones(16, v) },
        })),
      });
      const first = client.call<InferAnswer>('ModelInfer', request(1));
      await new Promise((r) => setTimeout(r, 50));
      const second = await client.call('ModelInfer', request(2));
      expect(second).toMatchObject({
        ok: false,
        code: grpc.status.RESOURCE_EXHAUSTED,
        details: 'queue is full (max_queue_size 1)',
      });
      expect(!second.ok && second.trailers.get('retry-after')).toEqual(['1']);
      expect(await first).toMatchObject({ ok: true, value: { model_name: 'tiny_queue' } });
    });

    it('the repository RPCs are NOT_FOUND while the repository API is off, as REST answers 404', async () => {
      for (const [method, request] of [
        ['RepositoryIndex', {}],
        ['RepositoryModelLoad', { model_name: 'simple' }],
        ['RepositoryModelUnload', { model_name: 'simple' }],
      ] as const) {
        expect(await client.call(method, request)).toMatchObject({
          ok: false,
          code: grpc.status.NOT_FOUND,
          details:
            'the model repository API is off: set MODEL_CONTROL_MODE=explicit or ENABLE_REPOSITORY_API=true',
        });
      }
    });

    it.each([
      'SystemSharedMemoryStatus',
      'SystemSharedMemoryRegister',
      'SystemSharedMemoryUnregister',
      'CudaSharedMemoryStatus',
      'CudaSharedMemoryRegister',
      'CudaSharedMemoryUnregister',
      'TraceSetting',
      'LogSettings',
    ])('%s is UNIMPLEMENTED, saying why', async (method) => {
      const res = await client.call(method, {});
      expect(res).toMatchObject({ ok: false, code: grpc.status.UNIMPLEMENTED });
      expect(!res.ok && res.details).toMatch(
        new RegExp(`^${method} is not supported: Triton's .+ extension`),
      );
    });

    it('an unknown method is UNIMPLEMENTED; a non-gRPC request is refused at HTTP level', async () => {
      const unknown = await rawGrpcCall(server.target, `/${SERVICE}/Nope`, frame(Buffer.alloc(0)));
      expect(unknown.trailers['grpc-status']).toBe(String(grpc.status.UNIMPLEMENTED));
      expect(unknown.trailers['grpc-message']).toBe(`unknown method /${SERVICE}/Nope`);
      const json = await rawGrpcCall(server.target, `/${SERVICE}/ServerLive`, Buffer.from('{}'), {
        'content-type': 'application/json',
      });
      expect(json.headers[':status']).toBe(415);
    });
  });

  describe('compression, deadlines, logs and metrics', () => {
    const infer = methodCodec(SERVICE, 'ModelInfer');

    it('inflates a gzip request and answers gzip, flagged compressed (grpc-encoding: gzip)', async () => {
      const request = infer.requestSerialize(simpleTyped(range16, ones(16), { id: 'gz' }));
      const reply = await rawGrpcCall(
        server.target,
        `/${SERVICE}/ModelInfer`,
        frame(gzipSync(request), true),
        {
          'grpc-encoding': 'gzip',
          'grpc-accept-encoding': 'identity,gzip',
        },
      );
      expect(reply.trailers['grpc-status']).toBe('0');
      expect(reply.headers['grpc-encoding']).toBe('gzip');
      expect(reply.messages).toHaveLength(1);
      expect(reply.messages[0].compressed).toBe(true);
      const answer = infer.responseDeserialize(
        gunzipSync(reply.messages[0].payload),
      ) as InferAnswer;
      expect(answer).toMatchObject({
        id: 'gz',
        outputs: [{ contents: { int_contents: range16.map((v) => v + 1) } }, {}],
      });
    });

    it('answers a plain request plainly', async () => {
      const request = infer.requestSerialize(simpleTyped(range16, ones(16)));
      const reply = await rawGrpcCall(server.target, `/${SERVICE}/ModelInfer`, frame(request));
      expect(reply.headers['grpc-encoding']).toBeUndefined();
      expect(reply.messages[0].compressed).toBe(false);
    });

    it('a @grpc/grpc-js client with gzip on gets its answers', async () => {
      const gzipClient = new GrpcTestClient(server.target, {
        'grpc.default_compression_algorithm': 2,
      });
      try {
        const res = await gzipClient.call<InferAnswer>(
          'ModelInfer',
          simpleTyped(range16, ones(16)),
        );
        expect(res.ok && res.value.outputs[0].contents?.int_contents).toEqual(
          range16.map((v) => v + 1),
        );
      } finally {
        gzipClient.close();
      }
    });

    it('refuses a gzip bomb at MAX_REQUEST_BYTES after inflation (1 MiB here)', async () => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
      const reply = await rawGrpcCall(server.target, `/${SERVICE}/ModelInfer`, frame(bomb, true), {
        'grpc-encoding': 'gzip',
      });
      expect(reply.trailers['grpc-status']).toBe(String(grpc.status.RESOURCE_EXHAUSTED));
      expect(decodeURIComponent(String(reply.trailers['grpc-message']))).toBe(
        `the request message inflates to more than ${LIMIT} bytes (MAX_REQUEST_BYTES)`,
      );
    });

    it('ends a call past its deadline with DEADLINE_EXCEEDED', async () => {
      const request = {
        model_name: 'tiny_queue',
        inputs: ['INPUT0', 'INPUT1'].map((name) => ({
          name,
          datatype: 'INT32',
          shape: [1, 16],
          contents: { int_contents: ones(16) },
        })),
      };
      const reply = await rawGrpcCall(
        server.target,
        `/${SERVICE}/ModelInfer`,
        frame(infer.requestSerialize(request)),
        { 'grpc-timeout': '50m' },
      );
      expect(reply.trailers['grpc-status']).toBe(String(grpc.status.DEADLINE_EXCEEDED));
    });

    it('echoes x-request-id and logs the call with it, the model and version', async () => {
      const res = await client.call(
        'ModelInfer',
        simpleTyped(ones(16), ones(16)),
        metadata({ 'x-request-id': 'grpc-req-42' }),
      );
      expect(res.ok && res.headers.get('x-request-id')).toEqual(['grpc-req-42']);
      const output = await waitForOutput(server.app, (o) =>
        o.includes('"request_id":"grpc-req-42"'),
      );
      const line = output
        .split('\n')
        .find((l) => l.includes('"request_id":"grpc-req-42"') && l.includes('request completed'));
      expect(JSON.parse(line ?? '{}')).toMatchObject({
        level: 'info',
        request_id: 'grpc-req-42',
        model: 'simple',
        version: '1',
        protocol: 'grpc',
        path: `/${SERVICE}/ModelInfer`,
        grpc_status: 'OK',
        duration_ms: expect.any(Number),
        req_bytes: expect.any(Number),
        res_bytes: expect.any(Number),
        msg: 'request completed',
      });
    });

    it('counts inferences under protocol "grpc", calls by method and status, and statistics', async () => {
      const text = (await call(server.app, 'GET', '/metrics')).text;
      expect(text).toMatch(
        /perch_inference_requests_total\{model="simple",version="1",protocol="grpc",outcome="success"\} \d+/,
      );
      expect(text).toMatch(/perch_grpc_requests_total\{method="ModelInfer",code="OK"\} \d+/);
      expect(text).toMatch(/perch_grpc_requests_total\{method="ModelInfer",code="NOT_FOUND"\} \d+/);
      const stats = await client.call<{ model_stats: { name: string; inference_count: string }[] }>(
        'ModelStatistics',
        { name: 'simple' },
      );
      expect(stats.ok && stats.value.model_stats).toHaveLength(1);
      expect(Number(stats.ok && stats.value.model_stats[0].inference_count)).toBeGreaterThan(0);
      const all = await client.call<{ model_stats: { name: string }[] }>('ModelStatistics', {});
      expect(all.ok && all.value.model_stats.map((s) => s.name)).toEqual(
        expect.arrayContaining(['simple', 'identity_typed', 'iris', 'versioned']),
      );
    });
  });
});
