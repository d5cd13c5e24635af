import { parseFortunes } from './fortune-corpus';

describe('parseFortunes', () => {
  it.each([
    [
      'splits at % lines and joins wrapped lines',
      'One line\nand more.\n%\nTwo.\n%\n',
      ['One line and more.', 'Two.'],
    ],
    ['drops attribution lines', 'A saying.\n\t\t-- Someone, "A Book"\n%', ['A saying.']],
    ['drops colour codes', '\x1b[33mYellow\x1b[m text', ['Yellow text']],
    [
      'joins Chinese lines without a space',
      '很难避免遇到与你意见不和，或者难以合作\n的人。',
      ['很难避免遇到与你意见不和，或者难以合作的人。'],
    ],
    ['skips empty entries', '%\n\n%\nx\n', ['x']],
  ])('%s', (_case, text, expected) => {
    expect(parseFortunes(text)).toEqual(expected);
  });
});
