import { EffectiveModelConfig } from '../../inference/inference.types';
import { parseModelConfig } from '../../registry/model-config.parser';
import { encodePredictAnswer, primaryOutput } from './predict-json.codec';

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

describe('encodePredictAnswer', () => {
  it.each([
    ['a bare array answers a bare array', ['a', 'b'], ['en', 'de'], '["en","de"]'],
    ['an empty array answers []', [], [], '[]'],
    ['instances answer predictions', { instances: ['a'] }, ['en'], '{"predictions":["en"]}'],
  ])('%s', (_case, body, predictions, text) => {
    const answer = encodePredictAnswer(body, predictions);
    expect(answer.body.toString()).toBe(text);
    expect(answer.contentType).toBe('application/json');
  });
});
