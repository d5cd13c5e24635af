import { DataType } from '../common/tensor/datatype';
import { Tensor } from '../common/tensor/tensor';
import { ModelSignature } from '../registry/model-config';
import { selectOutputs, validateInputs } from './input-validation';

const batched: ModelSignature = {
  maxBatchSize: 8,
  inputs: [
    { name: 'A', datatype: 'INT32', dims: [16] },
    { name: 'B', datatype: 'FP32', dims: [-1, 2] },
  ],
  outputs: [
    { name: 'X', datatype: 'INT32', dims: [16] },
    { name: 'Y', datatype: 'INT32', dims: [16] },
  ],
};
const unbatched: ModelSignature = {
  ...batched,
  maxBatchSize: 0,
  inputs: [{ name: 'A', datatype: 'INT32', dims: [2, 16] }],
};

const t = (name: string, datatype: DataType, shape: number[]): Tensor => ({
  name,
  datatype,
  shape,
  data: [],
});

describe('validateInputs', () => {
  it.each([
    ['a batch of one', batched, [t('A', 'INT32', [1, 16]), t('B', 'FP32', [1, 5, 2])]],
    ['a full batch', batched, [t('A', 'INT32', [8, 16]), t('B', 'FP32', [8, 1, 2])]],
    ['inputs in any order', batched, [t('B', 'FP32', [2, 3, 2]), t('A', 'INT32', [2, 16])]],
    ['an unbatched model', unbatched, [t('A', 'INT32', [2, 16])]],
  ])('accepts %s', (_case, signature, inputs) => {
    expect(() => validateInputs('m', signature, inputs)).not.toThrow();
  });

  it.each([
    [
      'an unknown input',
      batched,
      [t('C', 'INT32', [1, 16])],
      "model 'm' has no input 'C' (inputs: A, B)",
    ],
    [
      'a duplicate input',
      batched,
      [t('A', 'INT32', [1, 16]), t('A', 'INT32', [1, 16])],
      "input 'A' is given twice",
    ],
    ['a missing input', batched, [t('A', 'INT32', [1, 16])], "input 'B' is missing"],
    [
      'a wrong datatype',
      batched,
      [t('A', 'FP32', [1, 16])],
      "input 'A': datatype FP32 does not match the model's INT32",
    ],
    [
      'a wrong size',
      batched,
      [t('A', 'INT32', [1, 15])],
      "shape [1,15] does not match the model's [-1,16]",
    ],
    ['a missing batch dimension', batched, [t('A', 'INT32', [16])], 'shape [16] does not match'],
    [
      'a batch above max_batch_size',
      batched,
      [t('A', 'INT32', [9, 16])],
      'batch size 9 is outside 1..8',
    ],
    ['an empty batch', batched, [t('A', 'INT32', [0, 16])], 'batch size 0 is outside 1..8'],
    [
      'disagreeing batch sizes',
      batched,
      [t('A', 'INT32', [2, 16]), t('B', 'FP32', [3, 1, 2])],
      "'B' has batch size 3 but 'A' has 2",
    ],
    [
      'a batch dimension on an unbatched model',
      unbatched,
      [t('A', 'INT32', [1, 2, 16])],
      "does not match the model's [2,16]",
    ],
  ])('rejects %s', (_case, signature, inputs, message) => {
    expect(() => validateInputs('m', signature, inputs)).toThrow(message);
  });
});

describe('selectOutputs', () => {
  it('returns every output when none are requested', () => {
    expect(selectOutputs('m', batched)).toEqual(['X', 'Y']);
    expect(selectOutputs('m', batched, [])).toEqual(['X', 'Y']);
  });
  it('keeps the requested order', () => {
    expect(selectOutputs('m', batched, ['Y', 'X'])).toEqual(['Y', 'X']);
  });
  it.each([
    [['Z'], "model 'm' has no output 'Z' (outputs: X, Y)"],
    [['X', 'X'], "output 'X' is requested twice"],
  ])('rejects %j', (requested, message) => {
    expect(() => selectOutputs('m', batched, requested)).toThrow(message);
  });
});
