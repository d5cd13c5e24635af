import { fromHalfBits, toHalfBits } from '../../src/common/tensor/fp16';
import { fitAbstainThreshold, fitFamilyFactors } from './calibration';
import { FeatureSpace, selectFeatures } from './features';
import { capSamples, EvaluationSet, mergeSets, samplesFromProse } from './held-out';
import { Language, LANGUAGES, UNDETERMINED } from './languages';
import { langidGraph } from './langid-graph';
import { LinearModel, predictText } from './linear-model';
import { blendForeign, mixSources, scaleFamilies, trainNaiveBayes } from './naive-bayes';
import { withScriptPriors } from './script-priors';
import { TrainingSource } from './training-sources';

export interface TrainOptions {
  /** Decides every split and sample; same seed, same bytes. */
  readonly seed: number;
  /** Columns per family: char 1-, 2-, 3-, 4-grams, words. */
  readonly budgets: readonly number[];
  /** Share of each family's probability mass spread evenly over its columns. */
  readonly smoothing: number;
  /** Share of English blended into every other language's distribution (see blendForeign). */
  readonly englishShare: number;
  /** Nats each letter of a non-Latin script costs a language not written in it. */
  readonly scriptPenalty: number;
  /** Held-out samples kept per language, source and length band. */
  readonly sampleCap: number;
  readonly languages: readonly Language[];
  /** Use this abstain threshold instead of fitting one (`--abstain-threshold`). */
  readonly abstainThreshold?: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 42,
  budgets: [6000, 12000, 20000, 20000, 20000],
  smoothing: 0.01,
  englishShare: 0.1,
  scriptPenalty: 1.5,
  sampleCap: 150,
  languages: LANGUAGES,
};

export interface TrainedLangid {
  readonly options: TrainOptions;
  readonly space: FeatureSpace;
  /** The served model: family factors applied, weights rounded to float16 as the graph holds them. */
  readonly model: LinearModel;
  readonly familyFactors: readonly number[];
  readonly abstainThreshold: number;
  /** The held-out texts that fitted the factors and the threshold. */
  readonly dev: EvaluationSet;
  /** Per source, held-out texts only ever evaluated on (empty for sources without text). */
  readonly test: readonly { readonly source: string; readonly set: EvaluationSet }[];
  readonly onnx: Uint8Array;
}

/** Trains the identifier from the sources' training parts; same sources and options, same bytes. */
export function trainLangid(
  sources: readonly TrainingSource[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): TrainedLangid {
  const labels = options.languages.map((l) => l.code);
  const own = labels.map((_, c) =>
    mixSources(sources.flatMap((s) => (s.perLanguage[c] ? [s.perLanguage[c].train] : []))),
  );
  const english = own[labels.indexOf('en')];
  const distributions = own.map((d, c) =>
    english && labels[c] !== 'en' ? blendForeign(d, english, options.englishShare) : d,
  );
  const space = selectFeatures(distributions, options.budgets);
  const bayes = trainNaiveBayes(space, distributions, labels, options.smoothing);
  const heldOut = (pick: 'dev' | 'test', source: TrainingSource, salt: number): EvaluationSet =>
    mergeSets(
      source.perLanguage.map((m, label) =>
        capSamples(
          samplesFromProse(label, m?.[pick] ?? []),
          options.sampleCap,
          options.seed + salt + label,
        ),
      ),
    );
  const dev = mergeSets(sources.map((s, i) => heldOut('dev', s, 1000 * (i + 1))));
  const familyFactors = fitFamilyFactors(bayes, space, [...dev.long, ...dev.short, ...dev.tiny]);
  const model = toHalfPrecision(
    withScriptPriors(
      scaleFamilies(bayes, space, familyFactors),
      space,
      options.languages,
      options.scriptPenalty,
    ),
  );
  const abstainThreshold =
    options.abstainThreshold ??
    fitAbstainThreshold(
      [...dev.long, ...dev.short, ...dev.tiny].map((s) => {
        const p = predictText(model, space, s.text, UNDETERMINED).probabilities;
        const confidence = Math.max(...p);
        return { confidence, correct: confidence > 0 && p.indexOf(confidence) === s.label };
      }),
    );
  const description =
    `Language identifier: naive Bayes over character 1-4-grams and words, ${labels.length} languages, ` +
    `trained on ${sources.map((s) => s.name).join(', ')} (seed ${options.seed}); ` +
    `answers ${UNDETERMINED} below a top probability of ${abstainThreshold}.`;
  return {
    options,
    space,
    model,
    familyFactors,
    abstainThreshold,
    dev,
    test: sources
      .map((s, i) => ({ source: s.name, set: heldOut('test', s, 2000 * (i + 1)) }))
      .filter((t) => t.set.long.length + t.set.short.length > 0),
    onnx: langidGraph(space, model, abstainThreshold, UNDETERMINED, description),
  };
}

/** The weights as the graph stores them (float16), so the reference computes what it computes. */
function toHalfPrecision(model: LinearModel): LinearModel {
  return { ...model, weights: model.weights.map((w) => fromHalfBits(toHalfBits(w))) };
}
