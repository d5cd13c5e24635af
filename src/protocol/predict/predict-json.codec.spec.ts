import { EffectiveModelConfig } from '../../inference/inference.types';
import { parseModelConfig } from '../../registry/model-config.parser';
import { primaryOutput, startsWithArray } from './predict-json.codec';

const effective = (configJson: object): EffectiveModelConfig => ({
  name: 'm',
  config: parseModelConfig('m', JSON.stringify(configJson)),
  signature: {
    maxBatchSize: 8,
    inputs: [{ name: 'text', datatype: 'BYTES', dims: [] }],
    outputs: [
      { name: 'probabilities', datatype: 'FP32', dims: [3] },
      { name: 'label', datatype: 'BYTES', dims: [] },
    ],
  },
});

describe('primaryOutput', () => {
  it.each([
    ['the first output by default', {}, 'probabilities'],
    [
      'parameters.predict_output, Triton style',
      { parameters: { predict_output: { string_value: 'label' } } },
      'label',
    ],
    ['parameters.predict_output, plain', { parameters: { predict_output: 'label' } }, 'label'],
  ])('%s', (_case, config, expected) => {
    expect(primaryOutput(effective(config))).toBe(expected);
  });
});

describe('startsWithArray', () => {
  it.each([
    ['a bare array', '["a","b"]', true],
    ['a bare array after whitespace', ' \n\t[1]', true],
    ['an object', '{"instances":[]}', false],
    ['an object after whitespace', '  {"instances":[]}', false],
    ['an empty body', '', false],
    ['text that is not JSON', 'x[', false],
  ])('%s', (_case, text, expected) => {
    expect(startsWithArray(Buffer.from(text))).toBe(expected);
  });
});
