import { parseMoCatalog } from './mo-catalog';

/** A .mo file as msgfmt writes it: header, two (length, offset) tables, then the strings. */
function moFile(entries: [string, string][], littleEndian = true): Buffer {
  const header = 28;
  const tables = header + 16 * entries.length;
  const strings: Buffer[] = [];
  let at = tables;
  const table = (pick: 0 | 1): number[] =>
    entries.flatMap((e) => {
      const bytes = Buffer.from(`${e[pick]}\u0000`, 'utf8');
      strings.push(bytes);
      const row = [bytes.length - 1, at];
      at += bytes.length;
      return row;
    });
  const originals = table(0);
  const translations = table(1);
  const words = [
    0x950412de,
    0,
    entries.length,
    header,
    header + 8 * entries.length,
    0,
    0,
    ...originals,
    ...translations,
  ];
  const head = Buffer.alloc(4 * words.length);
  words.forEach((w, i) =>
    littleEndian ? head.writeUInt32LE(w, 4 * i) : head.writeUInt32BE(w, 4 * i),
  );
  return Buffer.concat([head, ...strings]);
}

describe('parseMoCatalog', () => {
  const entries: [string, string][] = [
    ['', 'Content-Type: text/plain; charset=UTF-8\n'],
    ['menu\u0004Open', 'Öffnen'],
    ['%d file\u0000%d files', '%d Datei\u0000%d Dateien'],
  ];

  it.each([true, false])('reads originals and translations (little-endian: %s)', (little) => {
    expect(parseMoCatalog(moFile(entries, little))).toEqual([
      { original: 'Open', translation: 'Öffnen' },
      { original: '%d file', translation: '%d Datei' },
    ]);
  });

  it('refuses a file that is not a catalog', () => {
    expect(() => parseMoCatalog(Buffer.alloc(28))).toThrow('not a gettext .mo catalog');
  });
});
