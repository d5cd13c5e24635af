import { DataType } from '../common/tensor/datatype';
import { toHalfBits } from '../common/tensor/fp16';
import { Tensor, TensorData } from '../common/tensor/tensor';
import { ModelSignature } from '../registry/model-config';
import { applyClassification, classify, outputsToRun, planClassification } from './classification';

const t = (datatype: DataType, shape: number[], data: TensorData, name = 'p'): Tensor => ({
  name,
  datatype,
  shape,
  data,
});

describe('classify', () => {
  it.each([
    [
      "the spec's example, unbatched",
      t('FP32', [4], Float32Array.from([1.1, 3.3, 0.5, 2.4])),
      2,
      false,
      undefined,
      [2],
      ['3.3:1', '2.4:3'],
    ],
    [
      'labels from a label file',
      t('FP32', [4], Float32Array.from([1.1, 3.3, 0.5, 2.4])),
      2,
      false,
      ['a', 'b', 'c', 'd'],
      [2],
      ['3.3:1:b', '2.4:3:d'],
    ],
    [
      'each row of a batch',
      t('INT32', [2, 3], Int32Array.from([1, 5, 3, 9, 7, 8])),
      2,
      true,
      undefined,
      [2, 2],
      ['5:1', '3:2', '9:0', '8:2'],
    ],
    [
      'k above the class count',
      t('UINT8', [1, 2], Uint8Array.from([4, 6])),
      5,
      true,
      undefined,
      [1, 2],
      ['6:1', '4:0'],
    ],
    [
      'ties to the lower index, NaN last',
      t('FP64', [4], Float64Array.from([NaN, 2, 2, 1])),
      4,
      false,
      undefined,
      [4],
      ['2:1', '2:2', '1:3', 'NaN:0'],
    ],
    [
      'INT64 beyond 2^53',
      t('INT64', [2], BigInt64Array.from([2n ** 60n + 1n, -1n])),
      1,
      false,
      undefined,
      [1],
      ['1152921504606846977:0'],
    ],
    [
      'FP16 values',
      t('FP16', [2], Uint16Array.from([toHalfBits(0.1), toHalfBits(0.9)])),
      2,
      false,
      undefined,
      [2],
      ['0.9:1', '0.1:0'],
    ],
    ['an empty batch', t('FP32', [0, 3], new Float32Array(0)), 2, true, undefined, [0, 2], []],
  ])('%s', (_case, tensor, k, batched, labels, shape, data) => {
    expect(classify(tensor, k, batched, labels)).toEqual({
      name: 'p',
      datatype: 'BYTES',
      shape,
      data,
    });
  });

  it('names only the top class from per-row labels', () => {
    const out = classify(
      t('FP32', [2, 2], Float32Array.from([0.25, 0.75, 0.5, 0.5])),
      2,
      true,
      undefined,
      ['b', 'a'],
    );
    expect(out.data).toEqual(['0.75:1:b', '0.25:0', '0.5:0:a', '0.5:1']);
  });
});

describe('planClassification and applyClassification', () => {
  const signature: ModelSignature = {
    maxBatchSize: 8,
    inputs: [],
    outputs: [
      { name: 'label', datatype: 'BYTES', dims: [] },
      { name: 'probabilities', datatype: 'FP32', dims: [2] },
    ],
  };
  const asked = (parameters: Record<string, unknown>, name = 'probabilities') => [
    { name, parameters },
  ];

  it('plans nothing without the parameter', () => {
    const plan = planClassification('m', signature, asked({}), {});
    expect(plan.topK.size).toBe(0);
    expect(outputsToRun(plan, ['probabilities'])).toEqual(['probabilities']);
  });

  it('uses a label file when there is one, and runs nothing extra', () => {
    const plan = planClassification('m', signature, asked({ classification: 1 }), {
      probabilities: ['x', 'y'],
    });
    expect(outputsToRun(plan, ['probabilities'])).toEqual(['probabilities']);
    const p = t('FP32', [1, 2], Float32Array.from([0.25, 0.75]), 'probabilities');
    expect(applyClassification(plan, ['probabilities'], [p])[0].data).toEqual(['0.75:1:y']);
  });

  it('otherwise runs the BYTES label output too, and returns only what was asked', () => {
    const plan = planClassification('m', signature, asked({ classification: 2 }), {});
    expect(outputsToRun(plan, ['probabilities'])).toEqual(['probabilities', 'label']);
    const p = t('FP32', [1, 2], Float32Array.from([0.25, 0.75]), 'probabilities');
    const outputs = applyClassification(
      plan,
      ['probabilities'],
      [p, t('BYTES', [1], ['y'], 'label')],
    );
    expect(outputs).toEqual([
      { name: 'probabilities', datatype: 'BYTES', shape: [1, 2], data: ['0.75:1:y', '0.25:0'] },
    ]);
  });

  it.each([
    [
      { classification: 0 },
      'probabilities',
      'parameters.classification must be a positive integer, not 0',
    ],
    [{ classification: 1.5 }, 'probabilities', 'must be a positive integer, not 1.5'],
    [{ classification: '3' }, 'probabilities', 'must be a positive integer, not "3"'],
    [
      { classification: 1 },
      'label',
      "model 'm' output 'label': classification needs a numeric output, not BYTES",
    ],
  ])('refuses %j on %s', (parameters, name, message) => {
    expect(() => planClassification('m', signature, asked(parameters, name), {})).toThrow(message);
  });
});
