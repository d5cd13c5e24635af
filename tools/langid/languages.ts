/** One language the identifier knows, and the UDHR translations it learns from. */
export interface Language {
  /** ISO 639-1 code: the label the model answers. */
  readonly code: string;
  /** ISO 639-3 code, as franc names the language. */
  readonly iso6393: string;
  /**
   * File names (without .html) under the udhr package's declaration/ folder. The first one is
   * also the evaluation text; the others (spelling reforms, Traditional Chinese, Brazilian
   * Portuguese) only add training text, from the same training articles.
   */
  readonly sources: readonly string[];
  /** Names (scripts.ts) of the scripts its words are written in: word lists are filtered by them. */
  readonly scripts: readonly string[];
}

/** The 30 languages the issue asks for, in label order (index i of `probabilities` is LANGUAGES[i]). */
export const LANGUAGES: readonly Language[] = [
  { code: 'ar', iso6393: 'arb', sources: ['arb'], scripts: ['arabic'] },
  { code: 'bg', iso6393: 'bul', sources: ['bul'], scripts: ['cyrillic'] },
  { code: 'bn', iso6393: 'ben', sources: ['ben'], scripts: ['bengali'] },
  { code: 'cs', iso6393: 'ces', sources: ['ces'], scripts: ['latin'] },
  { code: 'de', iso6393: 'deu', sources: ['deu_1996', 'deu_1901'], scripts: ['latin'] },
  { code: 'el', iso6393: 'ell', sources: ['ell_monotonic'], scripts: ['greek'] },
  { code: 'en', iso6393: 'eng', sources: ['eng'], scripts: ['latin'] },
  { code: 'es', iso6393: 'spa', sources: ['spa'], scripts: ['latin'] },
  { code: 'fa', iso6393: 'pes', sources: ['pes_1'], scripts: ['arabic'] },
  { code: 'fi', iso6393: 'fin', sources: ['fin'], scripts: ['latin'] },
  { code: 'fr', iso6393: 'fra', sources: ['fra'], scripts: ['latin'] },
  { code: 'he', iso6393: 'heb', sources: ['heb'], scripts: ['hebrew'] },
  { code: 'hi', iso6393: 'hin', sources: ['hin'], scripts: ['devanagari'] },
  { code: 'hu', iso6393: 'hun', sources: ['hun'], scripts: ['latin'] },
  { code: 'id', iso6393: 'ind', sources: ['ind'], scripts: ['latin'] },
  { code: 'it', iso6393: 'ita', sources: ['ita'], scripts: ['latin'] },
  { code: 'ja', iso6393: 'jpn', sources: ['jpn'], scripts: ['kana', 'han'] },
  { code: 'ko', iso6393: 'kor', sources: ['kor'], scripts: ['hangul'] },
  { code: 'nl', iso6393: 'nld', sources: ['nld'], scripts: ['latin'] },
  { code: 'pl', iso6393: 'pol', sources: ['pol'], scripts: ['latin'] },
  { code: 'pt', iso6393: 'por', sources: ['por_PT', 'por_BR'], scripts: ['latin'] },
  { code: 'ro', iso6393: 'ron', sources: ['ron_2006', 'ron_1993'], scripts: ['latin'] },
  { code: 'ru', iso6393: 'rus', sources: ['rus'], scripts: ['cyrillic'] },
  { code: 'sv', iso6393: 'swe', sources: ['swe'], scripts: ['latin'] },
  { code: 'ta', iso6393: 'tam', sources: ['tam'], scripts: ['tamil'] },
  { code: 'th', iso6393: 'tha', sources: ['tha'], scripts: ['thai'] },
  { code: 'tr', iso6393: 'tur', sources: ['tur'], scripts: ['latin'] },
  { code: 'uk', iso6393: 'ukr', sources: ['ukr'], scripts: ['cyrillic'] },
  { code: 'vi', iso6393: 'vie', sources: ['vie'], scripts: ['latin'] },
  { code: 'zh', iso6393: 'cmn', sources: ['cmn_hans', 'cmn_hant'], scripts: ['han'] },
];

/** The label of texts with nothing to go on: empty, digits, punctuation, unknown scripts. */
export const UNDETERMINED = 'und';
