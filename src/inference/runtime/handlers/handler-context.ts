import { Tensor } from '../../../common/tensor/tensor';
import type { InferOptions, ModelContext, Tensors } from '../../../handlers';
import { LoadedSession } from '../model-runner';
import { CallBridge } from './call-bridge';
import { HandlerSpec } from './handler-spec';

/** The ModelContext one handler instance gets: its spec, its own model.onnx session, the bridge. */
export function handlerContext(
  spec: HandlerSpec,
  onnx: LoadedSession | undefined,
  bridge: CallBridge,
): ModelContext {
  return {
    name: spec.model,
    version: spec.version,
    parameters: spec.parameters,
    maxBatchSize: spec.maxBatchSize,
    inputs: spec.inputs,
    outputs: spec.outputs,
    directory: spec.directory,
    hasModel: onnx !== undefined,
    async run(inputs: Tensors, outputs?: readonly string[]): Promise<Tensors> {
      if (!onnx)
        throw new Error(`model '${spec.model}' version ${spec.version} has no model.onnx to run`);
      const names = outputs ?? onnx.outputs.map((o) => o.name);
      return byName(await onnx.run(toList(inputs), names));
    },
    async infer(model: string, inputs: Tensors, options: InferOptions = {}): Promise<Tensors> {
      const outputs = options.outputs?.map((o) => (typeof o === 'string' ? { name: o } : o));
      return byName(await bridge.call(model, options.version, toList(inputs), outputs));
    },
  };
}

function toList(tensors: Tensors): Tensor[] {
  return Object.entries(tensors).map(([name, t]) => ({ name, ...t }));
}

function byName(tensors: readonly Tensor[]): Tensors {
  const out: Tensors = {};
  for (const { name, datatype, shape, data } of tensors) out[name] = { datatype, shape, data };
  return out;
}
