import { ModelSignature } from '../../registry/model-config';
import { decodeV1Predict, encodeV1Predictions } from './v1-json.codec';

const iris: ModelSignature = {
  maxBatchSize: 2,
  inputs: [{ name: 'input', datatype: 'FP32', dims: [4] }],
  outputs: [
    { name: 'label', datatype: 'BYTES', dims: [] },
    { name: 'probabilities', datatype: 'FP32', dims: [3] },
  ],
};
const twoInputs: ModelSignature = {
  maxBatchSize: 8,
  inputs: [
    { name: 'a', datatype: 'INT32', dims: [2] },
    { name: 'b', datatype: 'BYTES', dims: [] },
  ],
  outputs: [],
};
const unbatched: ModelSignature = {
  maxBatchSize: 0,
  inputs: [{ name: 'x', datatype: 'FP32', dims: [-1] }],
  outputs: [],
};

describe('decodeV1Predict', () => {
  it('turns instances into batches of at most max_batch_size rows', () => {
    const requests = decodeV1Predict('iris', iris, {
      instances: [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11, 12],
      ],
    });
    expect(requests.map((r) => r.inputs[0].shape)).toEqual([
      [2, 4],
      [1, 4],
    ]);
    expect(Array.from(requests[1].inputs[0].data as Float32Array)).toEqual([9, 10, 11, 12]);
  });

  it('takes a bare array as instances and {"inputs": [...]} as columns', () => {
    const bare = decodeV1Predict('iris', iris, [[1, 2, 3, 4]]);
    const columnar = decodeV1Predict('iris', iris, { inputs: [[1, 2, 3, 4]] });
    expect(bare).toEqual(columnar);
  });

  it('reads multi-input rows as objects and columns as a map', () => {
    const rows = decodeV1Predict('m', twoInputs, {
      instances: [
        { a: [1, 2], b: 'x' },
        { a: [3, 4], b: 'y' },
      ],
    });
    const cols = decodeV1Predict('m', twoInputs, {
      inputs: {
        a: [
          [1, 2],
          [3, 4],
        ],
        b: ['x', 'y'],
      },
    });
    expect(rows).toEqual(cols);
    expect(rows[0].inputs[1]).toEqual({
      name: 'b',
      datatype: 'BYTES',
      shape: [2],
      data: ['x', 'y'],
    });
  });

  it('runs an unbatched model once per instance', () => {
    const requests = decodeV1Predict('m', unbatched, { instances: [[1, 2], [3]] });
    expect(requests.map((r) => r.inputs[0].shape)).toEqual([[2], [1]]);
  });

  it('answers no instances with no runs', () => {
    expect(decodeV1Predict('iris', iris, [])).toEqual([]);
  });

  const bad: [string, ModelSignature, unknown, string][] = [
    ['a scalar body', iris, 3, 'expected {"instances": [...]}'],
    ['an object without instances or inputs', iris, { rows: [] }, 'expected {"instances": [...]}'],
    [
      'instances that are not an array',
      iris,
      { instances: {} },
      '"instances" must be a JSON array',
    ],
    [
      'ragged rows',
      iris,
      [
        [1, 2, 3, 4],
        [1, 2],
      ],
      'instance 1 has a different shape than instance 0',
    ],
    [
      'strings for a float input',
      iris,
      [['a', 'b', 'c', 'd']],
      'element 0 is "a", expected a number',
    ],
    [
      'a multi-input row that is not an object',
      twoInputs,
      [[1, 2]],
      "instance 0 must be an object with key 'a'",
    ],
    [
      'a multi-input row missing a key',
      twoInputs,
      [{ a: [1, 2] }],
      "instance 0 must be an object with key 'b'",
    ],
    [
      'columns of different lengths',
      twoInputs,
      { inputs: { a: [[1, 2]], b: [] } },
      'same number of rows',
    ],
    [
      'a column that is not an array',
      twoInputs,
      { inputs: { a: 1, b: [] } },
      '"inputs.a" must be a JSON array',
    ],
    [
      'a __proto__ key in the body',
      iris,
      JSON.parse('{"instances": [[1, 2, 3, 4]], "__proto__": {}}'),
      "key '__proto__' is not allowed (at __proto__)",
    ],
    [
      'a constructor key in an instance',
      twoInputs,
      { instances: [{ a: [1, 2], b: 'x', constructor: 1 }] },
      "key 'constructor' is not allowed (at instances.0.constructor)",
    ],
    [
      'a prototype key among the columns',
      twoInputs,
      { inputs: { a: [[1, 2]], b: ['x'], prototype: [] } },
      "key 'prototype' is not allowed (at inputs.prototype)",
    ],
    [
      // Deeper than the call stack: the rows are flattened recursively.
      'rows nested 100000 levels deep',
      unbatched,
      JSON.parse(`[${'['.repeat(100_000)}1${']'.repeat(100_000)}]`),
      'is nested deeper than 32 levels',
    ],
  ];
  it.each(bad)('rejects %s', (_case, signature, body, message) => {
    expect(() => decodeV1Predict('m', signature, body)).toThrow(message);
  });

  it.each([
    [iris, 7, 'runs at most 2 instances at a time, so 7 instances need 4 runs at once'],
    [unbatched, 4, 'runs at most 1 instances at a time, so 4 instances need 4 runs at once'],
  ])('refuses a body needing more runs than maxRuns (%#)', (signature, rows, message) => {
    const body = { instances: new Array(rows).fill([1, 2, 3, 4]) };
    expect(() => decodeV1Predict('m', signature, body, 3)).toThrow(message);
    expect(() => decodeV1Predict('m', signature, body, 3)).toThrow('MAX_INFLIGHT_PER_MODEL is 3');
    expect(decodeV1Predict('m', signature, body, 4)).toHaveLength(
      Math.ceil(rows / (signature.maxBatchSize || 1)),
    );
  });
});

describe('encodeV1Predictions', () => {
  it('makes one prediction per row, keyed by output name when there are several', () => {
    const predictions = encodeV1Predictions(
      [
        [
          { name: 'label', datatype: 'BYTES', shape: [2], data: ['a', 'b'] },
          {
            name: 'p',
            datatype: 'FP32',
            shape: [2, 2],
            data: Float32Array.from([0.25, 0.75, 1, 0]),
          },
        ],
      ],
      true,
    );
    expect(predictions).toEqual([
      { label: 'a', p: [0.25, 0.75] },
      { label: 'b', p: [1, 0] },
    ]);
  });

  it('nests rows by their shape and joins chunks in order', () => {
    const chunk = (v: number) => [
      {
        name: 'y',
        datatype: 'INT32' as const,
        shape: [1, 2, 2],
        data: Int32Array.from([v, v, v, v]),
      },
    ];
    expect(encodeV1Predictions([chunk(1), chunk(2)], true)).toEqual([
      [
        [1, 1],
        [1, 1],
      ],
      [
        [2, 2],
        [2, 2],
      ],
    ]);
  });

  it('gives an unbatched run one prediction', () => {
    expect(
      encodeV1Predictions(
        [[{ name: 'y', datatype: 'FP64', shape: [2], data: Float64Array.from([1, 2]) }]],
        false,
      ),
    ).toEqual([[1, 2]]);
  });
});
