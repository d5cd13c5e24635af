import { graphTokens, isFeatureNgram, lowerCodePoints, ngrams, words } from './ngrams';

describe('lowerCodePoints', () => {
  it.each([
    ['ASCII', 'Test THIS', 'test this'],
    ['Cyrillic and Greek', 'ДОМ ΣΟΦΊΑ', 'дом σοφία'],
    ['dotted capital I keeps one code point, as towlower does', 'İSTANBUL', 'istanbul'],
    ['CJK, kana and Hangul have no case', '慢走。カタカナ한국어', '慢走。カタカナ한국어'],
    ['a combining accent stays a separate code point', 'E\u0301', 'e\u0301'],
  ])('%s', (_case, text, lower) => {
    expect(lowerCodePoints(text)).toBe(lower);
  });
});

describe('graphTokens', () => {
  it.each([
    ['pads with a space each side', 'Ab', [' ', 'a', 'b', ' ']],
    ['splits CJK into characters', '慢走。', [' ', '慢', '走', '。', ' ']],
    ['keeps combining marks as their own tokens', 'ñe\u0301', [' ', 'ñ', 'e', '\u0301', ' ']],
    [
      'keeps Devanagari vowel signs and virama apart',
      'हिन्दी',
      [' ', 'ह', 'ि', 'न', '्', 'द', 'ी', ' '],
    ],
    ['keeps an astral character whole', 'a😀', [' ', 'a', '😀', ' ']],
    ['an empty text is two spaces', '', [' ', ' ']],
  ])('%s', (_case, text, tokens) => {
    expect(graphTokens(text)).toEqual(tokens);
  });
});

describe('ngrams', () => {
  it('lists 1-, 2-, 3- then 4-grams in order of position', () => {
    expect(ngrams([' ', '慢', '走', ' '])).toEqual([
      ' ',
      '慢',
      '走',
      ' ',
      ' 慢',
      '慢走',
      '走 ',
      ' 慢走',
      '慢走 ',
      ' 慢走 ',
    ]);
  });

  it('counts a combining mark inside the n-grams of its letter', () => {
    expect(ngrams(graphTokens('e\u0301'))).toContain('e\u0301 ');
  });
});

describe('isFeatureNgram', () => {
  it.each([
    ['a letter', 'a', true],
    ['letters with a space', ' th', true],
    ['a Han character', '慢', true],
    ['a combining mark', '\u0301', true],
    ['a Thai vowel sign', 'ั', true],
    ['only spaces', '  ', false],
    ['a digit', 'a1', false],
    ['punctuation', 'a,', false],
    ['CJK punctuation', '走。', false],
    ['an emoji', '😀', false],
  ])('%s: %s', (_case, gram, expected) => {
    expect(isFeatureNgram(gram)).toBe(expected);
  });
});

describe('words', () => {
  it.each([
    ['lower-cased runs of letters', 'Hello, World!', ['hello', 'world']],
    ['digits and punctuation split words', "it's v2.0", ['it', 's', 'v']],
    ['combining marks stay in their word', 'हिन्दी भाषा', ['हिन्दी', 'भाषा']],
    ['a run without spaces is one word', '慢走。', ['慢走']],
    ['no letters, no words', '12 -- ?', []],
  ])('%s', (_case, text, expected) => {
    expect(words(text)).toEqual(expected);
  });
});
