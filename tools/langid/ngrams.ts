/**
 * Character n-grams and words exactly as the ONNX graph cuts them, so training features and
 * serving features agree: StringNormalizer lower-cases each code point (C.UTF-8 towlower: one
 * code point in, one out), StringConcat pads the text with a space on each side (word-boundary
 * n-grams at the edges), the Tokenizer cuts it into code points, and Slice/StringConcat join
 * neighbouring code points into contiguous 1..4-grams; a second Tokenizer takes the words.
 */

/** Longest n-gram. */
export const MAX_N = 4;

/**
 * Lower-cases one code point at a time, as towlower does. JavaScript's full mapping turns
 * U+0130 (İ) into two code points; towlower keeps one, so only the first is taken.
 */
export function lowerCodePoints(text: string): string {
  let out = '';
  for (const ch of text) out += String.fromCodePoint(ch.toLowerCase().codePointAt(0) as number);
  return out;
}

/** The tokens the graph sees: the lower-cased text padded with spaces, cut into code points. */
export function graphTokens(text: string): string[] {
  return Array.from(` ${lowerCodePoints(text)} `);
}

/** Every contiguous n-gram of `tokens` for n = 1..MAX_N, in order of n then position. */
export function ngrams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let n = 1; n <= MAX_N; n++) out.push(...ngramsOfOrder(tokens, n));
  return out;
}

/** The contiguous n-grams of `tokens` of one length, in order of position. */
export function ngramsOfOrder(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(''));
  return out;
}

/**
 * The regular expression of the graph's word Tokenizer (RE2 syntax, which JavaScript's `u`
 * flag reads the same way): a word is a run of letters and combining marks.
 */
export const WORD_PATTERN = '[\\p{L}\\p{M}]+';
const WORD = new RegExp(WORD_PATTERN, 'gu');

/** The lower-cased words of a text, as the graph's word Tokenizer finds them. */
export function words(text: string): string[] {
  return lowerCodePoints(text).match(WORD) ?? [];
}

const LETTER = /^[\p{L}\p{M}]$/u;

/** Letters and combining marks carry language; digits, punctuation and symbols do not. */
export function isLetter(ch: string): boolean {
  return LETTER.test(ch);
}

/**
 * Whether an n-gram may become a feature: letters, marks and spaces only, and at least one
 * letter or mark. Texts with no such n-gram (digits, punctuation, emoji) get no features,
 * which the graph answers as `und`.
 */
export function isFeatureNgram(gram: string): boolean {
  let letter = false;
  for (const ch of gram) {
    if (ch === ' ') continue;
    if (!isLetter(ch)) return false;
    letter = true;
  }
  return letter;
}
