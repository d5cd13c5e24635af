import { grpc, InferAnswer } from '../helpers/grpc-client';
import {
  GRPC_LIMIT as LIMIT,
  SERVICE,
  ones,
  simpleTyped,
  useGrpcServer,
} from '../helpers/grpc-fixtures';
import { frame, rawGrpcCall } from '../helpers/raw-grpc';

/** Errors over gRPC carry REST's messages under the gRPC code matching REST's status. */
describe('gRPC: errors', () => {
  const t = useGrpcServer();

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
      const res = await t.client.call('ModelInfer', request);
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
      const first = t.client.call<InferAnswer>('ModelInfer', request(1));
      await new Promise((r) => setTimeout(r, 50));
      const second = await t.client.call('ModelInfer', request(2));
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
        expect(await t.client.call(method, request)).toMatchObject({
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
      const res = await t.client.call(method, {});
      expect(res).toMatchObject({ ok: false, code: grpc.status.UNIMPLEMENTED });
      expect(!res.ok && res.details).toMatch(
        new RegExp(`^${method} is not supported: Triton's .+ extension`),
      );
    });

    it('an unknown method is UNIMPLEMENTED; a non-gRPC request is refused at HTTP level', async () => {
      const unknown = await rawGrpcCall(
        t.server.target,
        `/${SERVICE}/Nope`,
        frame(Buffer.alloc(0)),
      );
      expect(unknown.trailers['grpc-status']).toBe(String(grpc.status.UNIMPLEMENTED));
      expect(unknown.trailers['grpc-message']).toBe(`unknown method /${SERVICE}/Nope`);
      const json = await rawGrpcCall(t.server.target, `/${SERVICE}/ServerLive`, Buffer.from('{}'), {
        'content-type': 'application/json',
      });
      expect(json.headers[':status']).toBe(415);
    });
  });
});
