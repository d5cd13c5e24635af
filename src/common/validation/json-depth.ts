const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth`, read from the raw bytes
 * before JSON.parse: a few kilobytes of `[[[[…` (or a gzip body inflating to millions of them)
 * would otherwise hold the event loop for seconds and build gigabytes of empty arrays before any
 * structural check could run. One pass, stopping at the first level too deep; brackets inside
 * strings do not count. Malformed text is left for JSON.parse to name.
 */
export function nestsDeeperThan(text: Buffer, maxDepth: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === QUOTE) {
      i = closingQuote(text, i);
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** JSON's four whitespace bytes. */
export function isJsonWhitespace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The index of the quote that ends the string opened at `open` (text.length when none does):
 * the next quote not escaped by an odd run of backslashes. indexOf is native, so long strings
 * cost a memchr, not a loop iteration per byte.
 */
export function closingQuote(text: Buffer, open: number): number {
  for (let q = text.indexOf(QUOTE, open + 1); q >= 0; q = text.indexOf(QUOTE, q + 1)) {
    let backslashes = 0;
    while (text[q - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return text.length;
}
