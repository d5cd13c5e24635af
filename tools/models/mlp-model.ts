import { GraphBuilder } from './onnx-builder';
import { ElemType } from './onnx-proto';
import { tensorConfig } from './repository-writer';
import { mulberry32, uniformFloats } from './seeded-random';

/** A dense ReLU network with a softmax head: `sizes` = [inputs, hidden..., classes]. */
export interface MlpSpec {
  readonly name: string;
  readonly sizes: readonly number[];
  readonly seed: number;
  readonly maxBatchSize: number;
}

/** The benchmark MLP, committed under models/mlp: 64 -> 256 -> 256 -> 10. */
export const MLP: MlpSpec = { name: 'mlp', sizes: [64, 256, 256, 10], seed: 64, maxBatchSize: 64 };

/** The costly one, generated on demand by the bench: 512 -> 1024 -> 1024 -> 10. */
export const MLP_LARGE: MlpSpec = {
  name: 'mlp_large',
  sizes: [512, 1024, 1024, 10],
  seed: 512,
  maxBatchSize: 64,
};

export const MLP_INPUT = 'input';
/** Softmax probabilities, as scikit-learn's MLPClassifier.predict_proba answers for the same weights. */
export const MLP_OUTPUT = 'probabilities';

/** One layer: y = x · weights + bias, weights row-major [inputs, outputs]. */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/** Glorot-uniform weights and small uniform biases, from the spec's seed: the same bytes every run. */
export function mlpLayers(spec: MlpSpec): DenseLayer[] {
  const next = mulberry32(spec.seed);
  return spec.sizes.slice(1).map((outputs, i) => {
    const inputs = spec.sizes[i];
    const weights = uniformFloats(next, inputs * outputs, Math.sqrt(6 / (inputs + outputs)));
    return { inputs, outputs, weights, bias: uniformFloats(next, outputs, 0.1) };
  });
}

/** FP32 `input` [batch, in] → Gemm (+ Relu between layers) → Softmax → `probabilities` [batch, classes]. */
export function mlpGraph(spec: MlpSpec, layers: readonly DenseLayer[]): Uint8Array {
  const classes = spec.sizes[spec.sizes.length - 1];
  const g = new GraphBuilder(spec.name)
    .input(MLP_INPUT, ElemType.FLOAT, ['batch', spec.sizes[0]])
    .output(MLP_OUTPUT, ElemType.FLOAT, ['batch', classes]);
  let x = MLP_INPUT;
  layers.forEach((layer, i) => {
    const last = i === layers.length - 1;
    g.floats(`W${i + 1}`, [layer.inputs, layer.outputs], layer.weights)
      .floats(`B${i + 1}`, [layer.outputs], layer.bias)
      .node('Gemm', [x, `W${i + 1}`, `B${i + 1}`], [last ? 'logits' : `dense${i + 1}`]);
    if (!last) g.node('Relu', [`dense${i + 1}`], [`relu${i + 1}`]);
    x = `relu${i + 1}`;
  });
  return g.node('Softmax', ['logits'], [MLP_OUTPUT], { axis: 1 }).build();
}

/** Triton's dynamic_batching block, in config.json's JSON form. */
export interface DynamicBatchingConfig {
  readonly max_queue_delay_microseconds: number;
  readonly preferred_batch_size: readonly number[];
}

/** config.json for an MLP; `dynamicBatching` only for servers that accept the key. */
export function mlpConfig(spec: MlpSpec, dynamicBatching?: DynamicBatchingConfig): object {
  return {
    name: spec.name,
    platform: 'onnxruntime_onnx',
    max_batch_size: spec.maxBatchSize,
    input: [tensorConfig(MLP_INPUT, 'TYPE_FP32', [spec.sizes[0]])],
    output: [tensorConfig(MLP_OUTPUT, 'TYPE_FP32', [spec.sizes[spec.sizes.length - 1]])],
    ...(dynamicBatching && { dynamic_batching: dynamicBatching }),
  };
}

/** The reference forward pass for one row (float64 arithmetic), to check what servers answer. */
export function mlpForward(layers: readonly DenseLayer[], row: ArrayLike<number>): number[] {
  let x = Array.from(row);
  layers.forEach((layer, i) => {
    const y = Array.from(layer.bias);
    for (let r = 0; r < layer.inputs; r++) {
      for (let c = 0; c < layer.outputs; c++) y[c] += x[r] * layer.weights[r * layer.outputs + c];
    }
    x = i === layers.length - 1 ? y : y.map((v) => Math.max(0, v));
  });
  const max = Math.max(...x);
  const e = x.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / sum);
}
