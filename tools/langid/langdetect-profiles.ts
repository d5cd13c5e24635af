import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { emptyCounts, FamilyCounts } from './features';
import { isFeatureNgram, lowerCodePoints } from './ngrams';

/**
 * langdetect's profiles (npm `langdetect`, Apache-2.0: Cybozu Labs' Wikipedia 1-3-gram counts)
 * normalise text before counting: Han and kana collapse to one character each, Hangul
 * syllables to one, Vietnamese letters with two diacritics to one. Those languages' profiles
 * cannot teach this model anything and are not used.
 */
export const PROFILE_UNUSABLE: readonly string[] = ['ja', 'ko', 'vi', 'zh'];

/**
 * The two other foldings are undone where they are unambiguous: Persian ی (U+06CC) was
 * counted as Arabic ي, and Romanian ș ț (comma below) as ş ţ (cedilla).
 */
const UNFOLD: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  fa: { ي: 'ی' },
  ro: { ş: 'ș', ţ: 'ț' },
};

/**
 * One language's profile as n-gram counts of families 0..2 (1..3-grams), lower-cased (the
 * profiles keep case: "Th" and "th" are separate entries) and without n-grams the model does
 * not count (digits, punctuation).
 */
export function readProfile(language: string): FamilyCounts {
  const dir = join(dirname(require.resolve('langdetect')), 'profiles');
  const profile = JSON.parse(readFileSync(join(dir, `${language}.json`), 'utf8')) as {
    freq: Record<string, number>;
  };
  const unfold = UNFOLD[language] ?? {};
  const counts = emptyCounts();
  for (const [raw, n] of Object.entries(profile.freq)) {
    const gram = Array.from(lowerCodePoints(raw), (ch) => unfold[ch] ?? ch).join('');
    if (!isFeatureNgram(gram)) continue;
    const family = counts[Array.from(gram).length - 1];
    family.set(gram, (family.get(gram) ?? 0) + n);
  }
  return counts;
}
