/**
 * JSON.parse that keeps integers beyond 2^53 exact: every integer literal of 16 or more digits
 * outside strings becomes a string before parsing (INT64 and UINT64 data, which the protocol
 * writes as plain numbers). Consumers turn those strings into bigints or numbers as the datatype
 * says; nothing else in the protocol's answers is an integer that long.
 */
export function parseExactJson(text: string): unknown {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, escapes included.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++)
        if (text.charCodeAt(i) === 0x5c) i++;
      continue;
    }
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue;
    let end = i + 1;
    while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
    const literal = text.slice(i, end);
    if (/^-?\d{16,}$/.test(literal)) {
      out += `${text.slice(copied, i)}"${literal}"`;
      copied = end;
    }
    i = end - 1;
  }
  return JSON.parse(copied === 0 ? text : out + text.slice(copied));
}

function isNumberChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d
  );
}
