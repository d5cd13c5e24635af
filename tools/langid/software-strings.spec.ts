import { cleanMessage } from './software-strings';

describe('cleanMessage', () => {
  it.each([
    [
      'printf placeholders',
      "Cannot open '%s': %d errors (%1$s, %.2f%%)",
      "Cannot open ' ': errors ( , )",
    ],
    ['Python and brace placeholders', 'Hello %(name)s, {0} and ${user}', 'Hello , and'],
    ['accelerators', '_File &Open Save _As', 'File Open Save As'],
    ['accelerators in parentheses after CJK', '文件(_F)', '文件'],
    ['markup and escaped newlines', '<b>Bold</b>\\nnext', 'Bold next'],
    ['an underscore inside a word stays', 'SIMPLE_BACKUP_SUFFIX', 'SIMPLE_BACKUP_SUFFIX'],
  ])('%s', (_case, message, expected) => {
    expect(cleanMessage(message)).toBe(expected);
  });
});
