import { FeatureSpace, featurize } from './features';

/**
 * logits = counts · weights + bias, as the graph's MatMul and Add compute them.
 * `weights` is row-major [columns][labels].
 */
export interface LinearModel {
  readonly labels: readonly string[];
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** What the graph answers for one text; probabilities are all 0 for `undetermined`. */
export interface Prediction {
  readonly label: string;
  readonly probabilities: Float64Array;
}

export function logits(model: LinearModel, counts: ReadonlyMap<number, number>): Float64Array {
  const k = model.labels.length;
  const z = Float64Array.from(model.bias);
  for (const [column, count] of counts) {
    for (let c = 0; c < k; c++) z[c] += count * model.weights[column * k + c];
  }
  return z;
}

export function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / sum);
}

/** First index of the largest value, as ONNX ArgMax picks it. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * The reference the graph must agree with: no counted feature means `undetermined` with
 * probabilities of 0; so does a top probability below `abstainBelow` (with the probabilities
 * kept, so a client can see what the model would have guessed).
 */
export function predictText(
  model: LinearModel,
  space: FeatureSpace,
  text: string,
  undetermined: string,
  abstainBelow = 0,
): Prediction {
  const counts = featurize(space, text);
  if (counts.size === 0) {
    return { label: undetermined, probabilities: new Float64Array(model.labels.length) };
  }
  const probabilities = softmax(logits(model, counts));
  const best = argmax(probabilities);
  const sure = probabilities[best] >= abstainBelow;
  return { label: sure ? model.labels[best] : undetermined, probabilities };
}
