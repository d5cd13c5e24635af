import { FeatureSpace, featurize, LabelledTexts } from './features';
import { LinearModel, logits } from './linear-model';

/**
 * Multinomial naive Bayes on n-gram counts, written as a linear model:
 * weights[f][c] = log P(f | c) with additive smoothing `alpha`, bias[c] = log P(c) (uniform).
 * Closed form, so it is exact and deterministic, and it trains in well under a second.
 */
export function trainNaiveBayes(
  space: FeatureSpace,
  texts: LabelledTexts,
  labels: readonly string[],
  alpha: number,
): LinearModel {
  const k = labels.length;
  const counts = new Float64Array(space.columns * k);
  const totals = new Float64Array(k);
  texts.forEach((list, c) => {
    for (const text of list) {
      for (const [column, n] of featurize(space, text)) {
        counts[column * k + c] += n;
        totals[c] += n;
      }
    }
  });
  const weights = new Float64Array(space.columns * k);
  for (let f = 0; f < space.columns; f++) {
    for (let c = 0; c < k; c++) {
      weights[f * k + c] = Math.log(
        (counts[f * k + c] + alpha) / (totals[c] + alpha * space.columns),
      );
    }
  }
  const bias = new Float64Array(k).fill(-Math.log(k));
  return { labels: [...labels], weights, bias };
}

/** The model with every weight and bias divided by `temperature` (same argmax, softer odds). */
export function withTemperature(model: LinearModel, temperature: number): LinearModel {
  return {
    labels: model.labels,
    weights: model.weights.map((w) => w / temperature),
    bias: model.bias.map((b) => b / temperature),
  };
}

/**
 * Temperature scaling (Guo et al., 2017): naive Bayes treats overlapping n-grams as
 * independent evidence, so its raw probabilities are nearly always 0 or 1. The temperature
 * minimising the negative log-likelihood of texts the model did not train on makes
 * `probabilities` mean something. Golden-section search on 1/T, where the loss is convex.
 */
export function fitTemperature(
  model: LinearModel,
  space: FeatureSpace,
  samples: readonly { label: number; text: string }[],
): number {
  const scored = samples
    .map((s) => ({ label: s.label, counts: featurize(space, s.text) }))
    .filter((s) => s.counts.size > 0)
    .map((s) => ({ label: s.label, z: logits(model, s.counts) }));
  const loss = (beta: number): number =>
    scored.reduce((sum, { label, z }) => {
      let max = -Infinity;
      for (const v of z) max = Math.max(max, beta * v);
      let e = 0;
      for (const v of z) e += Math.exp(beta * v - max);
      return sum + max + Math.log(e) - beta * z[label];
    }, 0);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [lo, hi] = [1e-4, 4];
  for (let i = 0; i < 80; i++) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (loss(a) <= loss(b)) hi = b;
    else lo = a;
  }
  return 2 / (lo + hi);
}
