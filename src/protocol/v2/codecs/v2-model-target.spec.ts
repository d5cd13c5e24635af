import { InvalidInputError } from '../../../common/errors/serving.errors';
import { servedVersion } from './v2-model-target';

describe('servedVersion: model_name and model_version in a V2 body (KServe SDK)', () => {
  const served: [
    string,
    string | undefined,
    Record<string, string> | undefined,
    string | undefined,
  ][] = [
    ['no body fields, no path version', undefined, undefined, undefined],
    ['no body fields, a path version', '2', {}, '2'],
    [
      'the same model name (what the KServe SDK sends)',
      undefined,
      { modelName: 'simple' },
      undefined,
    ],
    ['the same name and version as the path', '2', { modelName: 'simple', modelVersion: '2' }, '2'],
    ['a body version where the path names none', undefined, { modelVersion: '1' }, '1'],
    ['empty strings (protobuf defaults)', '3', { modelName: '', modelVersion: '' }, '3'],
  ];
  it.each(served)('accepts %s', (_case, pathVersion, body, expected) => {
    expect(servedVersion('simple', pathVersion, body)).toBe(expected);
  });

  const refused: [string, string | undefined, Record<string, string>, string][] = [
    [
      'another model name',
      undefined,
      { modelName: 'iris' },
      "the body's model_name 'iris' does not match the model 'simple' in the path",
    ],
    [
      'another version than the path',
      '2',
      { modelVersion: '1' },
      "the body's model_version '1' does not match version 2 in the path",
    ],
    [
      'the right version under another name',
      '2',
      { modelName: 'Simple', modelVersion: '2' },
      "model_name 'Simple' does not match",
    ],
  ];
  it.each(refused)('refuses %s', (_case, pathVersion, body, message) => {
    const run = () => servedVersion('simple', pathVersion, body);
    expect(run).toThrow(InvalidInputError);
    expect(run).toThrow(message);
  });
});
