/** One message of a gettext catalog: the English original and its translation. */
export interface CatalogMessage {
  readonly original: string;
  readonly translation: string;
}

/**
 * Reads a compiled gettext catalog (.mo): a magic number that also tells the byte order, the
 * message count, and two tables of (length, offset) pairs, originals then translations.
 * A context (msgctxt) is dropped; of plural forms, the first (singular) is kept; the header
 * entry (empty original) is left out.
 */
export function parseMoCatalog(bytes: Buffer): CatalogMessage[] {
  const magic = bytes.readUInt32LE(0);
  const little = magic === 0x950412de;
  if (!little && magic !== 0xde120495) throw new Error('not a gettext .mo catalog');
  const u32 = (at: number): number => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const count = u32(8);
  const originals = u32(12);
  const translations = u32(16);
  const text = (table: number, i: number): string => {
    const length = u32(table + 8 * i);
    const offset = u32(table + 8 * i + 4);
    return bytes.toString('utf8', offset, offset + length);
  };
  const messages: CatalogMessage[] = [];
  for (let i = 0; i < count; i++) {
    const original = text(originals, i).split('\u0000')[0];
    const context = original.lastIndexOf('\u0004');
    const msgid = context >= 0 ? original.slice(context + 1) : original;
    if (msgid === '') continue;
    messages.push({ original: msgid, translation: text(translations, i).split('\u0000')[0] });
  }
  return messages;
}
