import { codePointLength, fragments, sentences } from './text-samples';

describe('codePointLength', () => {
  it.each([
    ['abc', 3],
    ['慢走。', 3],
    ['😀', 1],
    ['e\u0301', 2],
  ])('%s has %i code points', (text, n) => {
    expect(codePointLength(text)).toBe(n);
  });
});

describe('sentences', () => {
  it.each([
    ['Latin punctuation', 'One. Two? Three; four', ['One.', 'Two?', 'Three;', 'four']],
    ['a decimal point is not an end', 'Version 1.5 is out. Yes', ['Version 1.5 is out.', 'Yes']],
    ['CJK full stops need no space', '人人生而自由。大家平等。', ['人人生而自由。', '大家平等。']],
    ['Devanagari danda', 'यह एक है। वह दो है।', ['यह एक है।', 'वह दो है।']],
  ])('%s', (_case, paragraph, expected) => {
    expect(sentences(paragraph)).toEqual(expected);
  });
});

describe('fragments', () => {
  it('packs words into pieces shorter than the maximum', () => {
    const pieces = fragments('one two three four five six seven eight nine ten eleven', 15, 25);
    expect(pieces).toEqual(['one two three four five', 'six seven eight nine ten']);
    for (const p of pieces) expect(codePointLength(p)).toBeLessThan(25);
  });

  it('drops a tail shorter than the minimum', () => {
    expect(fragments('a b', 15, 40)).toEqual([]);
  });

  it('cuts a run without spaces into pieces', () => {
    const text = '人'.repeat(70);
    expect(fragments(text, 15, 40)).toEqual(['人'.repeat(30), '人'.repeat(30)]);
  });
});
