import {
  DataType,
  InferenceServerError,
  InferInput,
  PerchClient,
} from '../../clients/typescript/src/index';
import { FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

const API_KEY = 'client-e2e-key-0123456789';
const ADMIN_TOKEN = 'client-e2e-admin-token-0123456789';

/** One typed value list per datatype, each the identity_all fixture's input of that type. */
const TYPED: Record<DataType, InferInput['data']> = {
  BOOL: new Uint8Array([1, 0, 1]),
  UINT8: new Uint8Array([0, 1, 255]),
  UINT16: new Uint16Array([0, 1, 65535]),
  UINT32: new Uint32Array([0, 1, 4294967295]),
  UINT64: new BigUint64Array([0n, 1n, 18446744073709551615n]),
  INT8: new Int8Array([-128, 0, 127]),
  INT16: new Int16Array([-32768, 0, 32767]),
  INT32: new Int32Array([-2147483648, 0, 2147483647]),
  INT64: new BigInt64Array([-9223372036854775808n, 0n, 9223372036854775807n]),
  FP16: new Float32Array([0.5, -2, 65504]),
  FP32: new Float32Array([0.25, -1.5, 3.4e38]),
  FP64: new Float64Array([1e-300, -0.1, 1e300]),
  BYTES: ['', 'ascii', 'ünïcödé 慢走。'],
};

const allInputs = (): InferInput[] =>
  Object.entries(TYPED).map(
    ([datatype, data]) => ({ name: `IN_${datatype}`, datatype, shape: [3], data }) as InferInput,
  );

describe('perch-client against a real Perch', () => {
  let app: TestApp;
  let perch: PerchClient;
  beforeAll(async () => {
    app = await startApp({
      MODEL_REPOSITORY: FIXTURE_MODELS,
      ENABLE_REPOSITORY_API: 'true',
      API_KEYS: API_KEY,
      ADMIN_TOKEN,
    });
    perch = new PerchClient({ baseUrl: app.url, apiKey: API_KEY, adminToken: ADMIN_TOKEN });
  });
  afterAll(async () => {
    await app.close();
  });

  it('reads server metadata and health', async () => {
    const server = await perch.serverMetadata();
    expect(server.name).toBe('perch');
    expect(server.extensions).toEqual(
      expect.arrayContaining(['binary_tensor_data', 'model_repository', 'statistics']),
    );
    expect(await perch.isServerLive()).toBe(true);
    // The fixtures hold a corrupt model and a broken config.json on purpose.
    expect(await perch.isServerReady()).toBe(false);
    expect(await perch.isModelReady('simple')).toBe(true);
    expect(await perch.isModelReady('corrupt')).toBe(false);
    expect(await perch.isModelReady('no_such_model')).toBe(false);
  });

  it('rejects a call without the key with a typed 401 carrying the server message', async () => {
    const anonymous = new PerchClient({ baseUrl: app.url });
    const e = await anonymous.modelMetadata('simple').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InferenceServerError);
    expect(e).toMatchObject({ status: 401, error: expect.stringMatching(/API key/) });
    expect((e as InferenceServerError).requestId).toEqual(expect.any(String));
  });

  it('reads model metadata, config and versions', async () => {
    const meta = await perch.modelMetadata('identity_all');
    expect(meta.inputs).toContainEqual({ name: 'IN_FP16', datatype: 'FP16', shape: [-1] });
    expect(await perch.modelConfig('simple')).toMatchObject({ max_batch_size: 8 });
    expect((await perch.modelMetadata('versioned', '2')).versions).toEqual(['2', '3']);
  });

  it.each([
    ['JSON both ways', false],
    ['binary tensors both ways', true],
    ['binary inputs, JSON outputs', { inputs: true }],
    ['JSON inputs, binary outputs', { outputs: true }],
  ] as const)('round-trips every datatype as typed arrays: %s', async (_name, binary) => {
    const answer = await perch.infer('identity_all', { inputs: allInputs() }, { binary });
    expect(answer.model_name).toBe('identity_all');
    for (const [datatype, data] of Object.entries(TYPED)) {
      const out = answer.outputs.find((o) => o.name === `OUT_${datatype}`);
      expect(out?.datatype).toBe(datatype);
      expect(out?.shape).toEqual([3]);
      expect(out?.data).toEqual(data);
    }
  });

  it('sends plain arrays too, and picks a version', async () => {
    const answer = await perch.infer(
      'versioned',
      { inputs: [{ name: 'x', datatype: 'FP32', shape: [4], data: [1, 2, 3, 4] }] },
      { version: '2' },
    );
    expect(answer.model_version).toBe('2');
    expect(answer.outputs[0].data).toEqual(new Float32Array([3, 4, 5, 6]));
  });

  it("rejects bad input with the server's 400 message", async () => {
    const e = await perch
      .infer('simple', {
        inputs: [{ name: 'INPUT0', datatype: 'INT32', shape: [1, 8], data: new Int32Array(8) }],
      })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InferenceServerError);
    expect(e).toMatchObject({ status: 400, error: expect.stringContaining("model 'simple'") });
  });

  it('calls KServe V1 predict', async () => {
    const row = { INPUT0: new Array(16).fill(2), INPUT1: new Array(16).fill(1) };
    const { predictions } = await perch.predictV1('simple', [row]);
    expect(predictions).toEqual([
      { OUTPUT0: new Array(16).fill(3), OUTPUT1: new Array(16).fill(1) },
    ]);
  });

  it('reads statistics', async () => {
    const { model_stats } = await perch.modelStatistics('identity_all');
    expect(model_stats[0]).toMatchObject({ name: 'identity_all', version: '1' });
    expect(model_stats[0].inference_count).toBeGreaterThanOrEqual(4);
    expect((await perch.modelStatistics()).model_stats.length).toBeGreaterThan(3);
  });

  it('lists, unloads and loads models through the repository API with the admin token', async () => {
    const index = await perch.repositoryIndex();
    expect(index).toContainEqual(expect.objectContaining({ name: 'simple', state: 'READY' }));
    await perch.unloadModel('batched');
    expect(await perch.isModelReady('batched')).toBe(false);
    await perch.loadModel('batched');
    expect(await perch.isModelReady('batched')).toBe(true);
    const wrong = new PerchClient({ baseUrl: app.url, adminToken: 'not-the-admin-token-0000' });
    await expect(wrong.unloadModel('batched')).rejects.toMatchObject({ status: 403 });
  });
});
