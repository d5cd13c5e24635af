import { graphTokens, isFeatureNgram, MAX_N, ngramsOfOrder, words } from './ngrams';
import { SCRIPTS, scriptLetters } from './scripts';

/**
 * The feature families: character n-grams of each length 1..MAX_N, then whole words. Each is
 * its own multinomial in the model and its own lookup table in the graph, so a family's
 * strings never collide with another's ("ab" the 2-gram is not "ab" the word).
 */
export const FAMILIES: readonly string[] = [
  ...Array.from({ length: MAX_N }, (_, i) => `char ${i + 1}-grams`),
  'words',
];
export const WORD_FAMILY = MAX_N;

/** Per family, how often each string occurs: raw counts, or a probability distribution. */
export type FamilyCounts = Map<string, number>[];

export function emptyCounts(): FamilyCounts {
  return FAMILIES.map(() => new Map<string, number>());
}

/**
 * What the graph reads of a text: its first MAX_TOKENS code points (the padding space
 * included) and first MAX_WORDS words. A few hundred characters settle the language; the cap
 * bounds the work per row, which matters because a batch is padded to its longest text.
 */
export const MAX_TOKENS = 256;
export const MAX_WORDS = 64;

/**
 * The strings of each family in a text, in order: what the graph looks up (`capped`), or,
 * for training, every one of them.
 */
export function familyStrings(text: string, capped = true): string[][] {
  const tokens = capped ? graphTokens(text).slice(0, MAX_TOKENS) : graphTokens(text);
  const all = words(text);
  return [
    ...Array.from({ length: MAX_N }, (_, n) => ngramsOfOrder(tokens, n + 1)),
    capped ? all.slice(0, MAX_WORDS) : all,
  ];
}

/**
 * Adds a text's feature strings, `weight` each, to `into`. Character n-grams without a letter
 * (digits, punctuation, spaces alone) are left out: they say nothing about the language.
 */
export function addText(into: FamilyCounts, text: string, weight = 1): void {
  familyStrings(text, false).forEach((strings, family) => {
    const counts = into[family];
    for (const s of strings) {
      if (family < WORD_FAMILY && !isFeatureNgram(s)) continue;
      counts.set(s, (counts.get(s) ?? 0) + weight);
    }
  });
}

/**
 * The model's input space. Each family has a vocabulary (string → column); columns are
 * numbered across families. The last SCRIPTS.length columns count the letters of a script
 * that have no 1-gram column of their own, so a rare Han character still says "Han".
 */
export interface FeatureSpace {
  readonly vocabularies: readonly ReadonlyMap<string, number>[];
  readonly columns: number;
  /** Family of each column (script columns belong to the 1-grams). */
  readonly familyOf: Uint8Array;
}

/**
 * Chooses the columns of each family from per-language distributions: each language's most
 * probable strings in turn (a round robin, so scripts with many distinct n-grams cannot crowd
 * out the others) until the family's budget is spent. Deterministic: ties break on the
 * strings' code units, never on locale rules.
 */
export function selectFeatures(
  perLanguage: readonly FamilyCounts[],
  budgets: readonly number[],
): FeatureSpace {
  const vocabularies: Map<string, number>[] = [];
  const familyOf: number[] = [];
  FAMILIES.forEach((_, family) => {
    const ranked = perLanguage.map((counts) =>
      [...counts[family]].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([s]) => s),
    );
    const chosen = new Set<string>();
    for (let rank = 0; chosen.size < budgets[family]; rank++) {
      const candidates = ranked.filter((list) => rank < list.length);
      if (candidates.length === 0) break;
      for (const list of candidates) {
        if (chosen.size >= budgets[family]) break;
        chosen.add(list[rank]);
      }
    }
    const vocabulary = new Map<string, number>();
    for (const s of [...chosen].sort(compare)) {
      vocabulary.set(s, familyOf.length);
      familyOf.push(family);
    }
    vocabularies.push(vocabulary);
  });
  const first = familyOf.length;
  SCRIPTS.forEach((script, s) => {
    for (const letter of scriptLetters(script))
      if (!vocabularies[0].has(letter)) vocabularies[0].set(letter, first + s);
    familyOf.push(0);
  });
  return { vocabularies, columns: familyOf.length, familyOf: Uint8Array.from(familyOf) };
}

/** Sparse counts of one text: column → occurrences, as the graph's lookups and sum count them. */
export function featurize(space: FeatureSpace, text: string): Map<number, number> {
  const counts = new Map<number, number>();
  familyStrings(text).forEach((strings, family) => {
    const vocabulary = space.vocabularies[family];
    for (const s of strings) {
      const column = vocabulary.get(s);
      if (column !== undefined) counts.set(column, (counts.get(column) ?? 0) + 1);
    }
  });
  return counts;
}

/** Projects a family's distribution onto its columns (script columns take the rare letters). */
export function columnMass(
  space: FeatureSpace,
  family: number,
  counts: FamilyCounts,
): Float64Array {
  const mass = new Float64Array(space.columns);
  const vocabulary = space.vocabularies[family];
  for (const [s, c] of counts[family]) {
    const column = vocabulary.get(s);
    if (column !== undefined) mass[column] += c;
  }
  return mass;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
