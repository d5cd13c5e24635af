import fc from 'fast-check';
import { DataType } from '../../common/tensor/datatype';
import { Tensor, TensorData } from '../../common/tensor/tensor';
import { encodeV1Predictions } from './v1-json.codec';
import { encodeV1PredictionsJson, writeV1PredictionsJson } from './v1-predictions-text';

function storage(datatype: DataType, values: number[], strings: string[]): TensorData {
  const n = values.length;
  const ints = values.map((v) => (Number.isFinite(v) ? Math.trunc(v) : 7));
  switch (datatype) {
    case 'BYTES':
      return values.map((_, i) => strings[i % strings.length] ?? '');
    case 'BOOL':
      return Uint8Array.from(values, (v) => (v > 0 ? 1 : 0));
    case 'FP16':
      return Uint16Array.from(values, (v) => Math.abs(Math.trunc(v * 1000)) % 0x10000);
    case 'INT64':
      return BigInt64Array.from(ints, (v) => (BigInt(v) * 2n ** 40n) % 2n ** 63n);
    case 'UINT64':
      return BigUint64Array.from(ints, (v) => BigInt(Math.abs(v)) % 2n ** 64n);
    case 'INT32':
      return Int32Array.from(values, Math.trunc);
    case 'UINT8':
      return Uint8Array.from(values, (v) => Math.abs(Math.trunc(v)) % 256);
    case 'FP64':
      return Float64Array.from(values);
    default:
      return n === 0 ? new Float32Array(0) : Float32Array.from(values);
  }
}

describe('encodeV1PredictionsJson', () => {
  it('writes what JSON.stringify writes of encodeV1Predictions, for any outputs', () => {
    const datatype = fc.constantFrom<DataType>(
      'FP32',
      'FP64',
      'INT32',
      'UINT8',
      'INT64',
      'UINT64',
      'BOOL',
      'FP16',
      'BYTES',
    );
    const number = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer({ min: -1000, max: 1000 }),
      fc.constantFrom(-0, 0.1, 1e21, -1e-7, 3e38),
    );
    const strings = fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 4 });
    const run = fc
      .record({
        rows: fc.integer({ min: 0, max: 3 }),
        rowShape: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
        tensors: fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), datatype), {
          minLength: 1,
          maxLength: 3,
        }),
        values: fc.array(number, { minLength: 40, maxLength: 40 }),
        strings,
      })
      .map(({ rows, rowShape, tensors, values, strings }) => ({
        rows,
        rowShape,
        tensors,
        values,
        strings,
      }));
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 3 }), fc.boolean(), (runs, batched) => {
        const outputs = runs.map(({ rows, rowShape, tensors, values, strings }): Tensor[] => {
          const shape = batched ? [rows, ...rowShape] : rowShape;
          const n = shape.reduce((a, d) => a * d, 1);
          const names = [...new Set(tensors.map(([name]) => name))];
          return names.map((name, i) => {
            const dt = tensors[i][1];
            return { name, datatype: dt, shape, data: storage(dt, values.slice(0, n), strings) };
          });
        });
        const expected = JSON.stringify({ predictions: encodeV1Predictions(outputs, batched) });
        expect(encodeV1PredictionsJson(outputs, batched).toString()).toBe(expected);
      }),
      { numRuns: 2000, seed: 72026 },
    );
  });

  it('writes a large answer in slices, the event loop free between them, to the same text', async () => {
    const rows = 20_000;
    const outputs = [
      [
        {
          name: 'label',
          datatype: 'BYTES' as const,
          shape: [rows],
          data: Array.from({ length: rows }, (_, i) => `c${i % 3}`),
        },
        {
          name: 'p',
          datatype: 'FP32' as const,
          shape: [rows, 3],
          data: new Float32Array(rows * 3).fill(0.5),
        },
      ],
    ];
    let turns = 0;
    const count = (): void => {
      turns++;
      if (turns < 1000) setImmediate(count);
    };
    setImmediate(count);
    const text = await writeV1PredictionsJson(outputs, true);
    expect(turns).toBeGreaterThanOrEqual(4);
    expect(text.toString()).toBe(encodeV1PredictionsJson(outputs, true).toString());
  });

  it('writes a large answer into a buffer of its own', () => {
    const rows = 50_000;
    const probabilities = Float32Array.from({ length: rows * 3 }, (_, i) => (i % 3) / 4);
    const text = encodeV1PredictionsJson(
      [[{ name: 'p', datatype: 'FP32', shape: [rows, 3], data: probabilities }]],
      true,
    );
    expect(text.byteOffset).toBe(0);
    expect(text.byteLength).toBe(text.buffer.byteLength);
    const { predictions } = JSON.parse(text.toString()) as { predictions: number[][] };
    expect(predictions).toHaveLength(rows);
    expect(predictions[rows - 1]).toEqual([0, 0.25, 0.5]);
  });
});
