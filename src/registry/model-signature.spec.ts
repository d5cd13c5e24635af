import { RuntimeTensorInfo } from '../inference/runtime/model-runner';
import { parseModelConfig } from './model-config.parser';
import { completeSignature } from './model-signature';

const info = (
  name: string,
  datatype: RuntimeTensorInfo['datatype'],
  shape: number[],
): RuntimeTensorInfo => ({
  name,
  datatype,
  runtimeType: datatype ?? 'map',
  shape,
});

const file = {
  inputs: [info('INPUT0', 'INT32', [-1, 16]), info('INPUT1', 'INT32', [-1, 16])],
  outputs: [info('OUTPUT0', 'INT32', [-1, 16])],
};

describe('completeSignature', () => {
  it('accepts parameters.predict_output naming an output, refuses any other name', () => {
    const config = (primary: string) =>
      parseModelConfig('m', JSON.stringify({ parameters: { predict_output: primary } }));
    expect(() => completeSignature(config('OUTPUT0'), file)).not.toThrow();
    expect(() => completeSignature(config('label'), file)).toThrow(
      "parameters.predict_output: model.onnx has no output 'label' (it has: OUTPUT0)",
    );
  });

  it('fills in every tensor from the file when config.json lists none', () => {
    const signature = completeSignature(parseModelConfig('m', undefined), file);
    expect(signature.maxBatchSize).toBe(0);
    expect(signature.inputs).toEqual([
      { name: 'INPUT0', datatype: 'INT32', dims: [-1, 16] },
      { name: 'INPUT1', datatype: 'INT32', dims: [-1, 16] },
    ]);
  });

  it('strips the batch dimension when the model batches, and completes unlisted tensors', () => {
    const config = parseModelConfig(
      'm',
      '{"max_batch_size": 4, "input": [{"name": "INPUT1", "dims": [16]}]}',
    );
    const signature = completeSignature(config, file);
    expect(signature.inputs.map((i) => i.dims)).toEqual([[16], [16]]);
    expect(signature.outputs).toEqual([{ name: 'OUTPUT0', datatype: 'INT32', dims: [16] }]);
  });

  it('narrows variable file dims with config dims and fixed file dims win over -1', () => {
    const f = { inputs: [info('x', 'FP32', [-1, 8])], outputs: [info('y', 'FP32', [-1])] };
    const config = parseModelConfig('m', '{"input": [{"name": "x", "dims": [3, -1]}]}');
    expect(completeSignature(config, f).inputs[0].dims).toEqual([3, 8]);
  });

  const bad: [string, string, string][] = [
    [
      'an input the file lacks',
      '{"input": [{"name": "NOPE"}]}',
      "config.json input 'NOPE': model.onnx has no such input (it has: INPUT0, INPUT1)",
    ],
    [
      'a datatype contradiction',
      '{"input": [{"name": "INPUT0", "data_type": "TYPE_FP32"}]}',
      "config.json input 'INPUT0': data_type is FP32 but model.onnx declares INT32",
    ],
    [
      'a rank contradiction',
      '{"max_batch_size": 2, "output": [{"name": "OUTPUT0", "dims": [4, 4]}]}',
      'have rank 2 but model.onnx declares [16] after the batch dimension',
    ],
    [
      'a size contradiction',
      '{"input": [{"name": "INPUT0", "dims": [-1, 15]}]}',
      'dims [-1,15] contradict model.onnx [-1,16]',
    ],
  ];
  it.each(bad)('rejects %s', (_case, text, message) => {
    expect(() => completeSignature(parseModelConfig('m', text), file)).toThrow(message);
  });

  it('rejects max_batch_size on a model whose first dimension is fixed', () => {
    const f = { inputs: [info('x', 'FP32', [1, 4])], outputs: [info('y', 'FP32', [1])] };
    expect(() => completeSignature(parseModelConfig('m', '{"max_batch_size": 8}'), f)).toThrow(
      'max_batch_size > 0 needs a variable first dimension',
    );
  });

  it('rejects tensors Perch cannot serve', () => {
    const f = {
      inputs: [info('x', 'FP32', [2])],
      outputs: [{ name: 'z', datatype: undefined, runtimeType: 'map', shape: undefined }],
    };
    expect(() => completeSignature(parseModelConfig('m', undefined), f)).toThrow(
      "output 'z': model.onnx declares type map",
    );
  });
});
