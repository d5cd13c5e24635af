import { Tensor } from '../../../common/tensor/tensor';
import type { TensorSpec } from '../../../handlers';
import { answersToTensors, tensorsToRows } from './row-tensors.codec';

const t = (
  name: string,
  datatype: Tensor['datatype'],
  shape: number[],
  data: Tensor['data'],
): Tensor => ({
  name,
  datatype,
  shape,
  data,
});

describe('tensorsToRows', () => {
  it.each([
    [
      'one-element rows become scalars',
      [t('a', 'FP32', [2, 1], new Float32Array([1, 2])), t('b', 'BYTES', [2, 1], ['x', 'y'])],
      true,
      [
        { a: 1, b: 'x' },
        { a: 2, b: 'y' },
      ],
    ],
    [
      'larger rows become nested arrays',
      [t('m', 'INT32', [1, 2, 2], new Int32Array([1, 2, 3, 4]))],
      true,
      [
        {
          m: [
            [1, 2],
            [3, 4],
          ],
        },
      ],
    ],
    [
      'BOOL becomes booleans',
      [t('f', 'BOOL', [2], new Uint8Array([1, 0]))],
      true,
      [{ f: true }, { f: false }],
    ],
    ['INT64 becomes numbers', [t('n', 'INT64', [1, 1], new BigInt64Array([7n]))], true, [{ n: 7 }]],
    [
      'a model without a batch dimension is one row',
      [t('v', 'FP64', [3], new Float64Array([1, 2, 3]))],
      false,
      [{ v: [1, 2, 3] }],
    ],
  ])('%s', (_case, inputs, batched, rows) => {
    expect(tensorsToRows(inputs, batched)).toEqual(rows);
  });
});

describe('answersToTensors', () => {
  const specs: TensorSpec[] = [
    { name: 'label', datatype: 'BYTES', dims: [1] },
    { name: 'score', datatype: 'FP32', dims: [1] },
    { name: 'top', datatype: 'INT64', dims: [2] },
    { name: 'ragged', datatype: 'FP32', dims: [-1] },
  ];

  it.each([
    [
      'strings and numbers',
      [
        { label: 'a', score: 0.5 },
        { label: 'b', score: 1 },
      ],
      ['label', 'score'],
      [
        t('label', 'BYTES', [2, 1], ['a', 'b']),
        t('score', 'FP32', [2, 1], new Float32Array([0.5, 1])),
      ],
    ],
    [
      'a one-element BYTES row takes objects and lists as JSON',
      [{ label: { k: [1] } }],
      ['label'],
      [t('label', 'BYTES', [1, 1], ['{"k":[1]}'])],
    ],
    [
      'lists into fixed dims, INT64 as BigInt',
      [{ top: [3, 1] }],
      ['top'],
      [t('top', 'INT64', [1, 2], new BigInt64Array([3n, 1n]))],
    ],
    [
      'a -1 dim from the first row',
      [{ ragged: [1, 2, 3] }],
      ['ragged'],
      [t('ragged', 'FP32', [1, 3], new Float32Array([1, 2, 3]))],
    ],
    [
      'only the outputs asked for, in that order',
      [{ label: 'a', score: 2 }],
      ['score'],
      [t('score', 'FP32', [1, 1], new Float32Array([2]))],
    ],
  ])('%s', (_case, answers, names, tensors) => {
    expect(answersToTensors(specs, answers, names, true)).toEqual(tensors);
  });

  it.each([
    [
      'an answer that is not an object',
      ['a'],
      ['label'],
      "answer 0 is not an object with field 'label'",
    ],
    ['a missing field', [{ label: 'a' }, { score: 1 }], ['label'], "answer 1 has no field 'label'"],
    [
      'a row of the wrong size',
      [{ top: [1, 2, 3] }],
      ['top'],
      "answer 0 field 'top' has 3 elements; output 'top' has 2 per row ([2])",
    ],
    [
      'a string for a number',
      [{ score: 'high' }],
      ['score'],
      `output 'score' element 0 is "high", not a number`,
    ],
  ])('refuses %s, naming it', (_case, answers, names, message) => {
    expect(() => answersToTensors(specs, answers, names, true)).toThrow(message);
  });
});
