import { readWordList, WORD_LIST_FILES, zipfWeight } from './word-lists';

describe('readWordList', () => {
  it('keeps words in the language’s scripts only, most frequent first', () => {
    const thai = readWordList('korean', ['hangul']);
    expect(thai.length).toBeGreaterThan(5000);
    expect(thai.every((w) => /^[\p{Script=Hangul}]+$/u.test(w))).toBe(true);
    const english = readWordList('english', ['latin']);
    expect(english.slice(0, 3)).toEqual(['the', 'of', 'and']);
  });

  it('has no list for the languages whose lists lost their vowel signs', () => {
    expect(WORD_LIST_FILES.hi).toBeUndefined();
    expect(WORD_LIST_FILES.th).toBeUndefined();
    expect(WORD_LIST_FILES.bn).toBeUndefined();
  });
});

describe('zipfWeight', () => {
  it('falls as 1/rank', () => {
    expect(zipfWeight(0)).toBe(1);
    expect(zipfWeight(9)).toBe(0.1);
  });
});
