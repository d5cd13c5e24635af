import { warmUpInputs } from './warm-up';

describe('warmUpInputs', () => {
  it('makes a batch of 1 and of up to 64 rows for a batching model, zeros of each datatype', () => {
    const sets = warmUpInputs(
      [
        { name: 'x', datatype: 'FP32', runtimeType: 'float32', shape: [-1, 4] },
        { name: 't', datatype: 'BYTES', runtimeType: 'string', shape: [-1] },
      ],
      256,
    );
    expect(sets?.map((s) => s.map((t) => t.shape))).toEqual([
      [[1, 4], [1]],
      [[64, 4], [64]],
    ]);
    expect(sets?.[1][0].data).toEqual(new Float32Array(256));
    expect((sets?.[1][1].data as string[]).length).toBe(64);
  });

  it('makes one size for a model of fixed shapes, and widens variable dimensions', () => {
    expect(
      warmUpInputs([{ name: 'x', datatype: 'INT64', runtimeType: 'int64', shape: [1, 3] }], 0)?.map(
        (s) => s[0].shape,
      ),
    ).toEqual([[1, 3]]);
    expect(
      warmUpInputs(
        [{ name: 'x', datatype: 'FP32', runtimeType: 'float32', shape: [-1, -1] }],
        0,
      )?.map((s) => s[0].shape),
    ).toEqual([
      [1, 1],
      [8, 8],
    ]);
  });

  it('gives up on an input that is not a plain tensor', () => {
    expect(
      warmUpInputs([{ name: 'm', datatype: undefined, runtimeType: 'map', shape: undefined }], 0),
    ).toBeUndefined();
  });
});
