import { addText, emptyCounts, FamilyCounts } from './features';
import { FORTUNE_SOURCES, readFortunes } from './fortune-corpus';
import { Language } from './languages';
import { PROFILE_UNUSABLE, readProfile } from './langdetect-profiles';
import { seededRandom, shuffled } from './random';
import { splitArticles } from './split';
import { codePointLength } from './text-samples';
import { Article, readDeclaration } from './udhr-corpus';
import { readWordList, WORD_LIST_FILES, zipfWeight } from './word-lists';

/** One source's material for one language: counts to learn from, texts held out. */
export interface LanguageMaterial {
  readonly train: FamilyCounts;
  /** Code points (or, for profiles, n-gram occurrences) behind `train`. */
  readonly trainingSize: number;
  /** Held out to fit the family weights and the abstain threshold. */
  readonly dev: readonly string[];
  /** Held out and only ever evaluated on. */
  readonly test: readonly string[];
}

/** A training source: material per language (undefined where it has none for a language). */
export interface TrainingSource {
  readonly name: string;
  readonly perLanguage: readonly (LanguageMaterial | undefined)[];
}

/** What each text source keeps back: test first, then dev, of items in a seeded order. */
const TEST_SHARE = 0.2;
const DEV_SHARE = 0.1;
/** Fortunes trained on per language, in code points: enough, and counting stays fast. */
const FORTUNE_TRAINING_CAP = 600_000;

/** The UDHR, split by article, the same articles for every language and translation. */
export function udhrSource(languages: readonly Language[], seed: number): TrainingSource {
  const corpus = languages.map((l) => l.sources.map(readDeclaration));
  const split = splitArticles(
    corpus.flat(2).map((a) => a.number),
    seed,
    1 / 3,
  );
  const dev = splitArticles(split.train, seed + 1, 1 / 4);
  return {
    name: 'UDHR',
    perLanguage: corpus.map((translations) => {
      const train = emptyCounts();
      let trainingSize = 0;
      for (const text of translations.flatMap((t) => paragraphsOf(t, dev.train))) {
        addText(train, text);
        trainingSize += codePointLength(text);
      }
      return {
        train,
        trainingSize,
        dev: paragraphsOf(translations[0], dev.test),
        test: paragraphsOf(translations[0], split.test),
      };
    }),
  };
}

/** Debian's fortunes (about ten languages), split by fortune. */
export function fortuneSource(
  languages: readonly Language[],
  packageRoots: ReadonlyMap<string, string>,
  seed: number,
): TrainingSource {
  return {
    name: 'fortunes',
    perLanguage: languages.map((language, i) => {
      const source = FORTUNE_SOURCES.find((s) => s.language === language.code);
      const root = source && packageRoots.get(source.packageName);
      if (!source || !root) return undefined;
      const fortunes = shuffled(readFortunes(source, root), seededRandom(seed + 100 + i));
      const nTest = Math.round(fortunes.length * TEST_SHARE);
      const nDev = Math.round(fortunes.length * DEV_SHARE);
      const train = emptyCounts();
      let trainingSize = 0;
      for (const text of fortunes.slice(nTest + nDev)) {
        if (trainingSize >= FORTUNE_TRAINING_CAP) break;
        addText(train, text);
        trainingSize += codePointLength(text);
      }
      return {
        train,
        trainingSize,
        dev: fortunes.slice(nTest, nTest + nDev),
        test: fortunes.slice(0, nTest),
      };
    }),
  };
}

/**
 * Subtitle word lists: each word a text of its own, weighted by Zipf's law; held-out words
 * are evaluated as runs of eight, in rank order (so they read as word salad, not prose).
 */
export function wordListSource(languages: readonly Language[], seed: number): TrainingSource {
  return {
    name: 'word lists',
    perLanguage: languages.map((language, i) => {
      const file = WORD_LIST_FILES[language.code];
      if (!file) return undefined;
      const random = seededRandom(seed + 200 + i);
      const train = emptyCounts();
      const dev: string[] = [];
      const test: string[] = [];
      let trainingSize = 0;
      readWordList(file, language.scripts).forEach((word, rank) => {
        const r = random();
        if (r < TEST_SHARE) test.push(word);
        else if (r < TEST_SHARE + DEV_SHARE) dev.push(word);
        else {
          addText(train, word, zipfWeight(rank));
          trainingSize += codePointLength(word);
        }
      });
      return { train, trainingSize, dev: runsOf(dev, 8), test: runsOf(test, 8) };
    }),
  };
}

/** langdetect's Wikipedia profiles: 1-3-gram counts only, so nothing can be held out. */
export function profileSource(languages: readonly Language[]): TrainingSource {
  return {
    name: 'Wikipedia profiles',
    perLanguage: languages.map((language) => {
      if (PROFILE_UNUSABLE.includes(language.code)) return undefined;
      const train = readProfile(language.code);
      const trainingSize = [...train[0].values()].reduce((a, b) => a + b, 0);
      return { train, trainingSize, dev: [], test: [] };
    }),
  };
}

function runsOf(items: readonly string[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size).join(' '));
  return out;
}

function paragraphsOf(articles: readonly Article[], numbers: readonly number[]): string[] {
  const wanted = new Set(numbers);
  return articles.filter((a) => wanted.has(a.number)).flatMap((a) => a.paragraphs);
}
