import { grpc, InferAnswer } from '../helpers/grpc-client';
import { int32Raw, ones, range16, simpleTyped, useGrpcServer } from '../helpers/grpc-fixtures';
import { call } from '../helpers/test-app';

/**
 * GRPCInferenceService end to end: a real Perch process (helpers/grpc-fixtures.ts), a real
 * @grpc/grpc-js client loading the same .proto files: health, metadata, config, inference.
 */
describe('gRPC: GRPCInferenceService', () => {
  const t = useGrpcServer();

  it('logs where it listens', () => {
    expect(t.server.app.output()).toContain(`Perch gRPC listening on ${t.server.target} (h2c)`);
  });

  describe('health and metadata', () => {
    it('ServerLive and ServerReady (not ready: a model is corrupt, as /v2/health/ready says)', async () => {
      expect(await t.client.call('ServerLive', {})).toMatchObject({ value: { live: true } });
      expect(await t.client.call('ServerReady', {})).toMatchObject({ value: { ready: false } });
      expect((await call(t.server.app, 'GET', '/v2/health/ready')).status).toBe(503);
    });

    it('ServerMetadata names the server and its extensions', async () => {
      const res = await t.client.call('ServerMetadata', {});
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
      expect(await t.client.call('ModelReady', request)).toMatchObject(expected);
    });

    it('ModelMetadata gives names, datatypes and shapes (-1: any size)', async () => {
      const res = await t.client.call('ModelMetadata', { name: 'simple' });
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
      const versioned = await t.client.call('ModelMetadata', { name: 'versioned', version: '2' });
      expect(versioned).toMatchObject({ value: { versions: ['2', '3'] } });
    });

    it('ModelConfig is the effective config in Triton ModelConfig form', async () => {
      const res = await t.client.call<{ config: Record<string, unknown> }>('ModelConfig', {
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
      const iris = await t.client.call<{ config: { output: { label_filename: string }[] } }>(
        'ModelConfig',
        { name: 'iris' },
      );
      expect(iris.ok && iris.value.config.output[1].label_filename).toBe('labels.txt');
    });

    it('ModelConfig and ModelMetadata of a corrupt model are UNAVAILABLE with the reason', async () => {
      for (const method of ['ModelConfig', 'ModelMetadata']) {
        const res = await t.client.call(method, { name: 'corrupt' });
        expect(res).toMatchObject({ ok: false, code: grpc.status.UNAVAILABLE });
        expect(!res.ok && res.details).toMatch(
          /^model 'corrupt' version 1 is UNAVAILABLE: failed to load/,
        );
      }
    });
  });

  describe('ModelInfer', () => {
    it('answers typed contents with typed contents, echoing the id', async () => {
      const res = await t.client.call<InferAnswer>(
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
      const res = await t.client.call<InferAnswer>('ModelInfer', {
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
      const selected = await t.client.call<InferAnswer>(
        'ModelInfer',
        simpleTyped(ones(16), ones(16), { outputs: [{ name: 'OUTPUT1' }] }),
      );
      expect(selected.ok && selected.value.outputs.map((o) => o.name)).toEqual(['OUTPUT1']);
      for (const [version, result] of [
        ['2', 12],
        ['3', 13],
        ['', 13],
      ] as const) {
        const res = await t.client.call<InferAnswer>('ModelInfer', {
          model_name: 'versioned',
          model_version: version,
          inputs: [{ name: 'x', datatype: 'FP32', shape: [1], contents: { fp32_contents: [10] } }],
        });
        expect(res).toMatchObject({ ok: true, value: { model_version: version || '3' } });
        expect(res.ok && res.value.outputs[0].contents?.fp32_contents).toEqual([result]);
      }
    });

    it('classifies as over REST: the top k of an output as BYTES "value:index:label"', async () => {
      const res = await t.client.call<InferAnswer>('ModelInfer', {
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
});
