import { ModelSignature } from './model-config';
import { checkLabels, parseLabelFile } from './model-labels';

describe('parseLabelFile', () => {
  it.each([
    ['one label per line', 'a\nb\nc\n', ['a', 'b', 'c']],
    ['no final newline', 'a\nb', ['a', 'b']],
    ['Windows line ends', 'a\r\nb\r\n', ['a', 'b']],
    ['an empty label kept in place', 'a\n\nc\n', ['a', '', 'c']],
    ['labels with spaces and colons', 'New York\n1:2\n', ['New York', '1:2']],
    ['an empty file', '', []],
  ])('%s', (_case, text, labels) => {
    expect(parseLabelFile(text)).toEqual(labels);
  });
});

describe('checkLabels', () => {
  const signature: ModelSignature = {
    maxBatchSize: 8,
    inputs: [],
    outputs: [
      { name: 'probabilities', datatype: 'FP32', dims: [3] },
      { name: 'scores', datatype: 'INT64', dims: [-1] },
      { name: 'label', datatype: 'BYTES', dims: [] },
    ],
  };

  it.each([
    ['one label per class', { probabilities: ['a', 'b', 'c'] }],
    ['any count for a variable size', { scores: ['a'] }],
    ['no label files', {}],
  ])('accepts %s', (_case, labels) => {
    expect(() => checkLabels(signature, labels)).not.toThrow();
  });

  it.each([
    [
      'too few labels',
      { probabilities: ['a', 'b'] },
      "output 'probabilities': label_filename has 2 labels but the output has 3 classes (dims [3])",
    ],
    [
      'a BYTES output',
      { label: ['a'] },
      "output 'label': label_filename needs a numeric output, not BYTES",
    ],
  ])('refuses %s', (_case, labels, message) => {
    expect(() => checkLabels(signature, labels)).toThrow(message);
  });
});
