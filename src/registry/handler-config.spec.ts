import { handlerSpecOf, servedByHandler } from './handler-config';
import { parseModelConfig } from './model-config.parser';
import { VersionSource } from './model-source';

const io = {
  input: [{ name: 'text', data_type: 'TYPE_STRING', dims: [1] }],
  output: [{ name: 'label', data_type: 'TYPE_STRING', dims: [1] }],
};
const handler = { file: '/r/m/1/model.ts', size: 10, mtimeMs: 1 };
const version = (files: { onnx?: boolean; handler?: boolean }): VersionSource => ({
  version: 1,
  dir: '/r/m/1',
  file: files.onnx ? '/r/m/1/model.onnx' : undefined,
  size: 0,
  mtimeMs: 0,
  ...(files.handler && { handler }),
});
const config = (extra: Record<string, unknown> = {}) =>
  parseModelConfig('m', JSON.stringify({ ...io, ...extra }));

describe('servedByHandler', () => {
  it.each([
    ['a handler file, no backend', {}, { handler: true }, true],
    ['a handler file beside model.onnx, no backend', {}, { handler: true, onnx: true }, true],
    ['backend typescript', { backend: 'typescript' }, { handler: true }, true],
    [
      'backend onnxruntime pins ONNX',
      { backend: 'onnxruntime' },
      { handler: true, onnx: true },
      false,
    ],
    [
      'a platform pins ONNX',
      { platform: 'onnxruntime_onnx' },
      { handler: true, onnx: true },
      false,
    ],
    ['no handler file', {}, { onnx: true }, false],
  ])('%s', (_case, extra, files, expected) => {
    expect(servedByHandler(config(extra), version(files))).toBe(expected);
  });

  it('refuses backend typescript without a handler file', () => {
    expect(() =>
      servedByHandler(config({ backend: 'typescript' }), version({ onnx: true })),
    ).toThrow('config.json backend "typescript" needs a model.ts or model.js in version 1');
  });

  it('refuses a platform beside backend typescript', () => {
    expect(() => config({ backend: 'typescript', platform: 'onnxruntime_onnx' })).toThrow(
      'contradict each other',
    );
  });
});

describe('handlerSpecOf', () => {
  it('carries the declared tensors, parameters and limits', () => {
    const spec = handlerSpecOf(
      config({ max_batch_size: 4, parameters: { handler_timeout_ms: '250', k: 'v' } }),
      version({ handler: true }),
      handler.file,
    );
    expect(spec).toMatchObject({
      file: handler.file,
      model: 'm',
      version: 1,
      directory: '/r/m/1',
      maxBatchSize: 4,
      withModel: false,
      timeoutMs: 250,
      loadTimeoutMs: 60_000,
      inputs: [{ name: 'text', datatype: 'BYTES', dims: [1] }],
      outputs: [{ name: 'label', datatype: 'BYTES', dims: [1] }],
    });
    expect(spec.parameters.k).toBe('v');
  });

  it.each([
    ['no outputs', { output: [] }, 'a handler model must declare its outputs'],
    [
      'an input without dims',
      { input: [{ name: 'x', data_type: 'TYPE_FP32' }] },
      "config.json input 'x': a handler model declares data_type and dims for each input",
    ],
    [
      'a timeout that is not whole ms',
      { parameters: { handler_timeout_ms: '1.5' } },
      'parameters.handler_timeout_ms must be a whole number of ms from 1 to 600000',
    ],
    [
      'a load timeout of zero',
      { parameters: { handler_load_timeout_ms: '0' } },
      'parameters.handler_load_timeout_ms must be a whole number',
    ],
  ])('refuses %s', (_case, extra, message) => {
    expect(() => handlerSpecOf(config(extra), version({ handler: true }), handler.file)).toThrow(
      message,
    );
  });
});
