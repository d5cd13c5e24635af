import { grpc, InferAnswer } from '../helpers/grpc-client';
import { int32Raw, useGrpcServer } from '../helpers/grpc-fixtures';

/** Every datatype of the spec through a real @grpc/grpc-js client, in typed contents and raw. */
describe('gRPC: every datatype', () => {
  const t = useGrpcServer();

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
      const res = await t.client.call<InferAnswer>('ModelInfer', {
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
      const res = await t.client.call<InferAnswer>('ModelInfer', {
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
      const res = await t.client.call<InferAnswer>('ModelInfer', {
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
      const typed = await t.client.call<InferAnswer>('ModelInfer', {
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
});
