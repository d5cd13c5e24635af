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
}

/** The 30 languages the issue asks for, in label order (index i of `probabilities` is LANGUAGES[i]). */
export const LANGUAGES: readonly Language[] = [
  { code: 'ar', iso6393: 'arb', sources: ['arb'] },
  { code: 'bg', iso6393: 'bul', sources: ['bul'] },
  { code: 'bn', iso6393: 'ben', sources: ['ben'] },
  { code: 'cs', iso6393: 'ces', sources: ['ces'] },
  { code: 'de', iso6393: 'deu', sources: ['deu_1996', 'deu_1901'] },
  { code: 'el', iso6393: 'ell', sources: ['ell_monotonic'] },
  { code: 'en', iso6393: 'eng', sources: ['eng'] },
  { code: 'es', iso6393: 'spa', sources: ['spa'] },
  { code: 'fa', iso6393: 'pes', sources: ['pes_1'] },
  { code: 'fi', iso6393: 'fin', sources: ['fin'] },
  { code: 'fr', iso6393: 'fra', sources: ['fra'] },
  { code: 'he', iso6393: 'heb', sources: ['heb'] },
  { code: 'hi', iso6393: 'hin', sources: ['hin'] },
  { code: 'hu', iso6393: 'hun', sources: ['hun'] },
  { code: 'id', iso6393: 'ind', sources: ['ind'] },
  { code: 'it', iso6393: 'ita', sources: ['ita'] },
  { code: 'ja', iso6393: 'jpn', sources: ['jpn'] },
  { code: 'ko', iso6393: 'kor', sources: ['kor'] },
  { code: 'nl', iso6393: 'nld', sources: ['nld'] },
  { code: 'pl', iso6393: 'pol', sources: ['pol'] },
  { code: 'pt', iso6393: 'por', sources: ['por_PT', 'por_BR'] },
  { code: 'ro', iso6393: 'ron', sources: ['ron_2006', 'ron_1993'] },
  { code: 'ru', iso6393: 'rus', sources: ['rus'] },
  { code: 'sv', iso6393: 'swe', sources: ['swe'] },
  { code: 'ta', iso6393: 'tam', sources: ['tam'] },
  { code: 'th', iso6393: 'tha', sources: ['tha'] },
  { code: 'tr', iso6393: 'tur', sources: ['tur'] },
  { code: 'uk', iso6393: 'ukr', sources: ['ukr'] },
  { code: 'vi', iso6393: 'vie', sources: ['vie'] },
  { code: 'zh', iso6393: 'cmn', sources: ['cmn_hans', 'cmn_hant'] },
];

/** The label of texts with nothing to go on: empty, digits, punctuation, unknown scripts. */
export const UNDETERMINED = 'und';
