import { isLetter, lowerCodePoints } from './ngrams';

/** A writing system: its letters, when not features of their own, count as one shared feature. */
export interface Script {
  readonly name: string;
  /** Inclusive code point ranges. */
  readonly ranges: readonly (readonly [number, number])[];
}

/**
 * The scripts of the 30 languages. A letter the training text saw too rarely to be a feature
 * (慢 in "慢走。") still says "a Han character", which is evidence for Chinese; letters of
 * scripts not listed here (Georgian, Ethiopic...) say nothing, and such texts are `und`.
 */
export const SCRIPTS: readonly Script[] = [
  {
    name: 'latin',
    ranges: [
      [0x61, 0x7a],
      [0xc0, 0x24f],
      [0x1e00, 0x1eff],
    ],
  },
  {
    name: 'greek',
    ranges: [
      [0x370, 0x3ff],
      [0x1f00, 0x1fff],
    ],
  },
  { name: 'cyrillic', ranges: [[0x400, 0x52f]] },
  { name: 'hebrew', ranges: [[0x590, 0x5ff]] },
  {
    name: 'arabic',
    ranges: [
      [0x600, 0x6ff],
      [0x750, 0x77f],
      [0xfb50, 0xfdff],
      [0xfe70, 0xfeff],
    ],
  },
  { name: 'devanagari', ranges: [[0x900, 0x97f]] },
  { name: 'bengali', ranges: [[0x980, 0x9ff]] },
  { name: 'tamil', ranges: [[0xb80, 0xbff]] },
  { name: 'thai', ranges: [[0xe00, 0xe7f]] },
  {
    name: 'hangul',
    ranges: [
      [0x1100, 0x11ff],
      [0x3130, 0x318f],
      [0xac00, 0xd7af],
    ],
  },
  { name: 'kana', ranges: [[0x3040, 0x30ff]] },
  {
    name: 'han',
    ranges: [
      [0x3400, 0x4dbf],
      [0x4e00, 0x9fff],
      [0xf900, 0xfaff],
    ],
  },
];

/** Index into SCRIPTS of the script a single code point belongs to, or -1. */
export function scriptOf(ch: string): number {
  const cp = ch.codePointAt(0) as number;
  return SCRIPTS.findIndex((s) => s.ranges.some(([lo, hi]) => cp >= lo && cp <= hi));
}

/**
 * Every letter of a script that can reach the n-gram counter: letters and marks that
 * lower-casing leaves as they are (upper-case letters never survive StringNormalizer).
 */
export function scriptLetters(script: Script): string[] {
  const out: string[] = [];
  for (const [lo, hi] of script.ranges) {
    for (let cp = lo; cp <= hi; cp++) {
      const ch = String.fromCodePoint(cp);
      if (isLetter(ch) && lowerCodePoints(ch) === ch) out.push(ch);
    }
  }
  return out;
}
