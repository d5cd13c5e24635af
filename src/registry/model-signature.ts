import { clientText } from '../common/client-text';
import { formatShape } from '../common/tensor/shape';
import { RuntimeTensorInfo } from '../inference/runtime/model-runner';
import { ModelConfig, ModelSignature, PartialTensorSpec, TensorSpec } from './model-config';
import { ModelConfigError } from './model-config.parser';

/**
 * Merges config.json with what the model file declares, as Triton's auto-complete does:
 * tensors config.json leaves out are filled in from the file, and anything config.json says
 * that the file contradicts fails the load with a message naming the field.
 */
export function completeSignature(
  config: ModelConfig,
  file: { inputs: readonly RuntimeTensorInfo[]; outputs: readonly RuntimeTensorInfo[] },
): ModelSignature {
  const batching = config.maxBatchSize > 0;
  const inputs = complete('input', config.inputs, file.inputs, batching);
  const outputs = complete('output', config.outputs, file.outputs, batching);
  const primary = config.parameters.predict_output;
  if (primary !== undefined && !outputs.some((o) => o.name === primary)) {
    const names = outputs.map((o) => o.name).join(', ');
    throw new ModelConfigError(
      `config.json parameters.predict_output: model.onnx has no output '${clientText(primary)}' (it has: ${names})`,
    );
  }
  return {
    maxBatchSize: config.maxBatchSize,
    inputs,
    outputs,
  };
}

function complete(
  field: 'input' | 'output',
  configured: readonly PartialTensorSpec[],
  declared: readonly RuntimeTensorInfo[],
  batching: boolean,
): TensorSpec[] {
  const byName = new Map(declared.map((d) => [d.name, d]));
  for (const c of configured) {
    if (!byName.has(c.name)) {
      const names = declared.map((d) => d.name).join(', ');
      throw new ModelConfigError(
        `config.json ${field} '${clientText(c.name)}': model.onnx has no such ${field} (it has: ${names})`,
      );
    }
  }
  const given = new Map(configured.map((c) => [c.name, c]));
  return declared.map((d) =>
    merge(`config.json ${field} '${d.name}'`, d, given.get(d.name), batching),
  );
}

function merge(
  where: string,
  file: RuntimeTensorInfo,
  config: PartialTensorSpec | undefined,
  batching: boolean,
): TensorSpec {
  if (!file.datatype || !file.shape) {
    throw new ModelConfigError(
      `${where}: model.onnx declares type ${file.runtimeType}, which Perch cannot serve`,
    );
  }
  if (config?.datatype && config.datatype !== file.datatype) {
    throw new ModelConfigError(
      `${where}: data_type is ${config.datatype} but model.onnx declares ${file.datatype}`,
    );
  }
  let fileDims = file.shape;
  if (batching) {
    if (fileDims.length === 0 || fileDims[0] !== -1) {
      throw new ModelConfigError(
        `${where}: max_batch_size > 0 needs a variable first dimension, but model.onnx declares ${formatShape(fileDims)}`,
      );
    }
    fileDims = fileDims.slice(1);
  }
  const dims = config?.dims ?? fileDims;
  if (dims.length !== fileDims.length) {
    throw new ModelConfigError(
      `${where}: dims ${formatShape(dims)} have rank ${dims.length} but model.onnx declares ${formatShape(fileDims)}` +
        (batching ? ' after the batch dimension' : ''),
    );
  }
  const merged = dims.map((d, i) => {
    const f = fileDims[i];
    if (d !== -1 && f !== -1 && d !== f) {
      throw new ModelConfigError(
        `${where}: dims ${formatShape(dims)} contradict model.onnx ${formatShape(fileDims)}`,
      );
    }
    return d === -1 ? f : d;
  });
  return { name: file.name, datatype: file.datatype, dims: merged };
}
