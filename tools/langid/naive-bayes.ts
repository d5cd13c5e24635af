import { columnMass, FAMILIES, FamilyCounts, FeatureSpace } from './features';
import { LinearModel } from './linear-model';

/**
 * One language's distribution over each family's strings, mixing its sources with equal
 * weight: each source's counts are normalised within the family first, so a large source
 * (Wikipedia's counts) does not drown a small one (the UDHR), and a source without a family
 * (profiles have no 4-grams or words) leaves that family to the others.
 */
export function mixSources(sources: readonly FamilyCounts[]): FamilyCounts {
  return FAMILIES.map((_, family) => {
    const present = sources.filter((s) => s[family].size > 0);
    const mixed = new Map<string, number>();
    for (const source of present) {
      let total = 0;
      for (const c of source[family].values()) total += c;
      for (const [s, c] of source[family])
        mixed.set(s, (mixed.get(s) ?? 0) + c / total / present.length);
    }
    return mixed;
  });
}

/**
 * Multinomial naive Bayes with one multinomial per family, written as a linear model:
 * weights[f][c] = log P(f | c, family of f), bias 0 (every language equally likely a priori).
 * Each family's distribution is renormalised over its columns and smoothed towards uniform
 * (Jelinek-Mercer, `smoothing` of the mass), so an n-gram a language never showed costs a
 * bounded penalty rather than minus infinity. Closed form and deterministic.
 */
export function trainNaiveBayes(
  space: FeatureSpace,
  distributions: readonly FamilyCounts[],
  labels: readonly string[],
  smoothing: number,
): LinearModel {
  const k = labels.length;
  const weights = new Float64Array(space.columns * k);
  const familySize = FAMILIES.map((_, family) => space.familyOf.filter((f) => f === family).length);
  distributions.forEach((distribution, c) => {
    FAMILIES.forEach((_, family) => {
      const mass = columnMass(space, family, distribution);
      let total = 0;
      for (let f = 0; f < space.columns; f++) if (space.familyOf[f] === family) total += mass[f];
      for (let f = 0; f < space.columns; f++) {
        if (space.familyOf[f] !== family) continue;
        const p = total > 0 ? mass[f] / total : 0;
        weights[f * k + c] = Math.log((1 - smoothing) * p + smoothing / familySize[family]);
      }
    });
  });
  return { labels: [...labels], weights, bias: new Float64Array(k) };
}

/** The model with each family's weights multiplied by its factor (what calibration fits). */
export function scaleFamilies(
  model: LinearModel,
  space: FeatureSpace,
  factors: readonly number[],
): LinearModel {
  const k = model.labels.length;
  return {
    labels: model.labels,
    weights: model.weights.map((w, i) => w * factors[space.familyOf[Math.floor(i / k)]]),
    bias: model.bias,
  };
}

/**
 * `share` of `foreign` blended into a language's distribution: text in every language quotes
 * English (commands, product names, code), and a model that has never seen that calls a
 * Korean sentence with three English words English. Blending keeps such n-grams cheap in
 * every language, while text in the language's own script still decides.
 */
export function blendForeign(
  own: FamilyCounts,
  foreign: FamilyCounts,
  share: number,
): FamilyCounts {
  return own.map((counts, family) => {
    const out = new Map<string, number>();
    for (const [s, p] of counts) out.set(s, (1 - share) * p);
    for (const [s, p] of foreign[family]) out.set(s, (out.get(s) ?? 0) + share * p);
    return out;
  });
}
