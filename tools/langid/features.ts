import { codePointLength } from './text-samples';
import { graphTokens, isFeatureNgram, MAX_N, ngrams } from './ngrams';
import { SCRIPTS, scriptLetters } from './scripts';

/**
 * The model's input space. Columns 0..ownColumns-1 are n-grams of their own; column
 * ownColumns + s counts the letters of SCRIPTS[s] that have no column of their own.
 * `pool` maps every n-gram the graph counts to its column, buckets included.
 */
export interface FeatureSpace {
  readonly pool: ReadonlyMap<string, number>;
  readonly ownColumns: number;
  readonly columns: number;
}

/** Training text per label, already split into the texts to count. */
export type LabelledTexts = readonly (readonly string[])[];

export interface FeatureOptions {
  /** Largest number of n-gram columns (script columns come on top). */
  readonly vocabularySize: number;
  /** A letter needs this many occurrences in training to be a column of its own. */
  readonly minLetterCount: number;
}

/**
 * Chooses the n-gram columns: every letter seen at least minLetterCount times, then each
 * language's most frequent 2- and 3-grams in turn (a round robin, so scripts with many
 * distinct n-grams cannot crowd out the others) until vocabularySize. Deterministic: ties
 * break on the n-gram's code units, never on locale rules.
 */
export function selectFeatures(texts: LabelledTexts, options: FeatureOptions): FeatureSpace {
  const perLabel = texts.map((list) => countNgrams(list));
  const total = new Map<string, number>();
  for (const counts of perLabel) for (const [g, c] of counts) total.set(g, (total.get(g) ?? 0) + c);
  const chosen = new Set(
    [...total]
      .filter(([g, c]) => codePointLength(g) === 1 && c >= options.minLetterCount)
      .map(([g]) => g),
  );
  const ranked = perLabel.map((counts) =>
    [...counts]
      .filter(([g, c]) => codePointLength(g) > 1 && c >= 2)
      .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
      .map(([g]) => g),
  );
  for (let rank = 0; chosen.size < options.vocabularySize; rank++) {
    const candidates = ranked.filter((list) => rank < list.length);
    if (candidates.length === 0) break;
    for (const list of candidates) {
      if (chosen.size >= options.vocabularySize) break;
      chosen.add(list[rank]);
    }
  }
  const own = [...chosen].sort((a, b) => codePointLength(a) - codePointLength(b) || compare(a, b));
  const pool = new Map(own.map((g, i) => [g, i]));
  SCRIPTS.forEach((script, s) => {
    for (const letter of scriptLetters(script))
      if (!pool.has(letter)) pool.set(letter, own.length + s);
  });
  return { pool, ownColumns: own.length, columns: own.length + SCRIPTS.length };
}

/** Sparse counts of one text: column → number of occurrences, as TfIdfVectorizer's TF mode. */
export function featurize(space: FeatureSpace, text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const g of ngrams(graphTokens(text))) {
    const column = space.pool.get(g);
    if (column !== undefined) counts.set(column, (counts.get(column) ?? 0) + 1);
  }
  return counts;
}

/** TfIdfVectorizer's pool attributes: n-grams grouped by n, each as its code points in a row. */
export function vectorizerPool(space: FeatureSpace): {
  poolStrings: string[];
  ngramCounts: number[];
  ngramIndexes: number[];
} {
  const byN: [string, number][][] = Array.from({ length: MAX_N }, () => []);
  for (const entry of space.pool) byN[codePointLength(entry[0]) - 1].push(entry);
  const poolStrings: string[] = [];
  const ngramCounts: number[] = [];
  const ngramIndexes: number[] = [];
  for (const group of byN) {
    ngramCounts.push(poolStrings.length);
    for (const [gram, column] of group) {
      poolStrings.push(...Array.from(gram));
      ngramIndexes.push(column);
    }
  }
  return { poolStrings, ngramCounts, ngramIndexes };
}

function countNgrams(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const g of ngrams(graphTokens(text)))
      if (isFeatureNgram(g)) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
