import { FAMILIES, FeatureSpace, featurize } from './features';
import { LinearModel } from './linear-model';

/** Per sample, per family, the naive Bayes log-likelihood of each label: what β multiplies. */
interface Scored {
  readonly label: number;
  /** [family][label] */
  readonly parts: Float64Array[];
}

/**
 * Fits one factor per family (β ≥ 0) by minimising the log loss of held-out texts.
 * Naive Bayes counts overlapping n-grams and the words they spell as independent evidence,
 * so its raw odds are far too sure, and some families deserve more trust than others; five
 * numbers fitted on text the model did not train on fix both (a temperature per family,
 * after Guo et al., 2017). The loss is convex in β; plain gradient descent with a
 * backtracking step, deterministic.
 */
export function fitFamilyFactors(
  model: LinearModel,
  space: FeatureSpace,
  samples: readonly { label: number; text: string }[],
): number[] {
  const k = model.labels.length;
  const scored = score(model, space, samples);
  let beta = FAMILIES.map(() => 0.05);
  let [loss, grad] = lossAndGradient(scored, beta, k);
  let step = 1e-3;
  for (let i = 0; i < 300; i++) {
    const next = beta.map((b, f) => Math.max(0, b - step * grad[f]));
    const [nextLoss, nextGrad] = lossAndGradient(scored, next, k);
    if (nextLoss < loss) {
      [beta, loss, grad] = [next, nextLoss, nextGrad];
      step *= 1.2;
    } else step /= 2;
  }
  return beta;
}

/** Mean log loss on `samples` of the model with each family's weights times its factor. */
export function familyLogLoss(
  model: LinearModel,
  space: FeatureSpace,
  samples: readonly { label: number; text: string }[],
  factors: readonly number[],
): number {
  return lossAndGradient(score(model, space, samples), factors, model.labels.length)[0];
}

function score(
  model: LinearModel,
  space: FeatureSpace,
  samples: readonly { label: number; text: string }[],
): Scored[] {
  const k = model.labels.length;
  const scored: Scored[] = [];
  for (const s of samples) {
    const counts = featurize(space, s.text);
    if (counts.size === 0) continue;
    const parts = FAMILIES.map(() => new Float64Array(k));
    for (const [column, n] of counts) {
      const part = parts[space.familyOf[column]];
      for (let c = 0; c < k; c++) part[c] += n * model.weights[column * k + c];
    }
    scored.push({ label: s.label, parts });
  }
  return scored;
}

/** Mean log loss of softmax(Σ β_f · parts_f) and its gradient in β. */
function lossAndGradient(
  scored: readonly Scored[],
  beta: readonly number[],
  k: number,
): [number, number[]] {
  let loss = 0;
  const grad = beta.map(() => 0);
  const z = new Float64Array(k);
  for (const { label, parts } of scored) {
    z.fill(0);
    parts.forEach((part, f) => {
      for (let c = 0; c < k; c++) z[c] += beta[f] * part[c];
    });
    let max = -Infinity;
    for (const v of z) max = Math.max(max, v);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(z[c] - max);
    loss += max + Math.log(sum) - z[label];
    parts.forEach((part, f) => {
      let expected = 0;
      for (let c = 0; c < k; c++) expected += (Math.exp(z[c] - max) / sum) * part[c];
      grad[f] += expected - part[label];
    });
  }
  const n = Math.max(1, scored.length);
  return [loss / n, grad.map((g) => g / n)];
}

/**
 * The abstain threshold: the answer is `und` when the top probability is below it. Chosen on
 * held-out texts as the value that maximises right answers minus wrong ones (an abstention
 * scores 0), i.e. a guess is worth giving when it is more likely right than wrong.
 */
export function fitAbstainThreshold(
  outcomes: readonly { confidence: number; correct: boolean }[],
): number {
  const sorted = [...outcomes].sort((a, b) => b.confidence - a.confidence);
  let best = { score: 0, threshold: 1 };
  let score = 0;
  for (let i = 0; i < sorted.length; i++) {
    score += sorted[i].correct ? 1 : -1;
    const next = sorted[i + 1]?.confidence ?? 0;
    // Between two distinct confidences, answer down to this one.
    if (next < sorted[i].confidence && score > best.score) {
      best = { score, threshold: Math.round(((sorted[i].confidence + next) / 2) * 1000) / 1000 };
    }
  }
  return best.threshold;
}
