import { closingQuote, isJsonWhitespace } from '../../../common/validation/json-depth';

/**
 * Where each `inputs[i].data` array of a V2 request lies in its JSON text, found by one pass over
 * the bytes, so that the envelope can be parsed without them and each tensor's numbers read
 * straight into a typed array (numeric-span.ts): a 60 MB body of tiny rows then never becomes
 * fifteen million JS numbers in arrays. Only what must be known is understood here; anything
 * unusual (an escaped key, a repeated `inputs` or `data`, malformed text) answers undefined, and
 * the caller parses the whole body as before, which names whatever is wrong.
 */
export interface DataSpans {
  /** Per element of `inputs`, in order: the byte range of its `data` array, if it has one. */
  readonly spans: ReadonlyArray<Span | undefined>;
  /** The JSON text with each span replaced by `true`, as the envelope codec expects `data`. */
  readonly envelope: Buffer;
}

export interface Span {
  readonly start: number;
  /** Exclusive: the byte after the array's closing bracket. */
  readonly end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const INPUTS = Buffer.from('inputs');
const DATA = Buffer.from('data');

/** Malformed or unusual text: the caller falls back to parsing the whole body. */
class Unusual extends Error {}

export function findDataSpans(text: Buffer): DataSpans | undefined {
  try {
    const scanner = new Scanner(text);
    const spans = scanner.root();
    if (!spans) return undefined;
    return { spans, envelope: envelopeOf(text, spans) };
  } catch (e) {
    if (e instanceof Unusual) return undefined;
    throw e;
  }
}

const TRUE = Buffer.from('true');

function envelopeOf(text: Buffer, spans: ReadonlyArray<Span | undefined>): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (const span of spans) {
    if (!span) continue;
    parts.push(text.subarray(from, span.start), TRUE);
    from = span.end;
  }
  parts.push(text.subarray(from));
  return Buffer.concat(parts);
}

class Scanner {
  private i = 0;

  constructor(private readonly b: Buffer) {}

  /** The spans of the root object's `inputs`; undefined when it has none to find. */
  root(): Array<Span | undefined> | undefined {
    let spans: Array<Span | undefined> | undefined;
    this.ws();
    if (this.b[this.i] !== OPEN_OBJECT) return undefined;
    this.object((key) => {
      if (!key.equals(INPUTS)) return this.value();
      if (spans) throw new Unusual();
      spans = this.inputs();
    });
    this.ws();
    if (this.i !== this.b.length) throw new Unusual();
    return spans;
  }

  /** `inputs`: each element's data span (undefined for elements that are not objects with one). */
  private inputs(): Array<Span | undefined> {
    const spans: Array<Span | undefined> = [];
    if (this.b[this.i] !== OPEN_ARRAY) {
      this.value();
      return spans;
    }
    this.array(() => {
      if (this.b[this.i] !== OPEN_OBJECT) {
        this.value();
        spans.push(undefined);
        return;
      }
      let span: Span | undefined;
      this.object((key) => {
        const start = this.i;
        this.value();
        if (!key.equals(DATA)) return;
        if (span) throw new Unusual();
        if (this.b[start] === OPEN_ARRAY) span = { start, end: this.i };
      });
      spans.push(span);
    });
    return spans;
  }

  /** Skips one value of any kind. */
  private value(): void {
    const c = this.b[this.i];
    if (c === OPEN_OBJECT) this.object(() => this.value());
    else if (c === OPEN_ARRAY) this.array(() => this.value());
    else if (c === QUOTE) this.string();
    else this.literal();
  }

  /** `{…}`, calling `member` with each key (raw bytes, escapes refused) at the start of its value. */
  private object(member: (key: Buffer) => void): void {
    this.i++;
    this.ws();
    if (this.b[this.i] === CLOSE_OBJECT) {
      this.i++;
      return;
    }
    for (;;) {
      if (this.b[this.i] !== QUOTE) throw new Unusual();
      const keyStart = this.i + 1;
      this.string();
      const key = this.b.subarray(keyStart, this.i - 1);
      if (key.includes(BACKSLASH)) throw new Unusual();
      this.ws();
      if (this.b[this.i++] !== COLON) throw new Unusual();
      this.ws();
      member(key);
      this.ws();
      const c = this.b[this.i++];
      if (c === CLOSE_OBJECT) return;
      if (c !== COMMA) throw new Unusual();
      this.ws();
    }
  }

  /** `[…]`, calling `element` at the start of each element. */
  private array(element: () => void): void {
    this.i++;
    this.ws();
    if (this.b[this.i] === CLOSE_ARRAY) {
      this.i++;
      return;
    }
    for (;;) {
      element();
      this.ws();
      const c = this.b[this.i++];
      if (c === CLOSE_ARRAY) return;
      if (c !== COMMA) throw new Unusual();
      this.ws();
    }
  }

  private string(): void {
    const close = closingQuote(this.b, this.i);
    if (close === this.b.length) throw new Unusual();
    this.i = close + 1;
  }

  /** A number, true, false or null: JSON.parse of the envelope or the span checks its spelling. */
  private literal(): void {
    const start = this.i;
    for (;;) {
      const c = this.b[this.i];
      if (
        c === undefined ||
        c === COMMA ||
        c === CLOSE_ARRAY ||
        c === CLOSE_OBJECT ||
        isJsonWhitespace(c)
      )
        break;
      this.i++;
    }
    if (this.i === start) throw new Unusual();
  }

  private ws(): void {
    while (isJsonWhitespace(this.b[this.i])) this.i++;
  }
}
