import { Tensor } from '../../common/tensor/tensor';
import { mergeInputs, splitOutputs } from './batch-merge';

const f32 = (name: string, shape: number[], values: number[]): Tensor => ({
  name,
  datatype: 'FP32',
  shape,
  data: Float32Array.from(values),
});

describe('mergeInputs', () => {
  it('concatenates along dimension 0, matching inputs by name', () => {
    const merged = mergeInputs([
      [f32('a', [1, 2], [1, 2]), { name: 'b', datatype: 'BYTES', shape: [1], data: ['x'] }],
      [
        { name: 'b', datatype: 'BYTES', shape: [2], data: ['y', 'z'] },
        f32('a', [2, 2], [3, 4, 5, 6]),
      ],
    ]);
    expect(merged).toEqual([
      { name: 'a', datatype: 'FP32', shape: [3, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      { name: 'b', datatype: 'BYTES', shape: [3], data: ['x', 'y', 'z'] },
    ]);
  });

  it('leaves the requests untouched', () => {
    const first = f32('a', [1], [1]);
    mergeInputs([[first], [f32('a', [1], [2])]]);
    expect(Array.from(first.data as Float32Array)).toEqual([1]);
  });

  it('keeps 64-bit integer types', () => {
    const t = (v: bigint): Tensor => ({
      name: 'i',
      datatype: 'INT64',
      shape: [1],
      data: BigInt64Array.from([v]),
    });
    expect(mergeInputs([[t(1n)], [t(2n ** 60n)]])[0].data).toEqual(
      BigInt64Array.from([1n, 2n ** 60n]),
    );
  });
});

describe('splitOutputs', () => {
  it('gives each request its rows', () => {
    const parts = splitOutputs(
      [
        f32('y', [3, 2], [1, 2, 3, 4, 5, 6]),
        { name: 'l', datatype: 'BYTES', shape: [3], data: ['a', 'b', 'c'] },
      ],
      [1, 2],
    );
    expect(parts).toEqual([
      [f32('y', [1, 2], [1, 2]), { name: 'l', datatype: 'BYTES', shape: [1], data: ['a'] }],
      [
        f32('y', [2, 2], [3, 4, 5, 6]),
        { name: 'l', datatype: 'BYTES', shape: [2], data: ['b', 'c'] },
      ],
    ]);
  });

  it('refuses an output whose rows do not match the batch', () => {
    expect(() => splitOutputs([f32('y', [2], [1, 2])], [1, 2])).toThrow(
      "output 'y' has 2 rows for a batch of 3",
    );
  });
});
