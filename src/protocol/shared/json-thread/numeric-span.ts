import { DataType, INT_RANGES } from '../../../common/tensor/datatype';
import { elementCount } from '../../../common/tensor/shape';
import { isJsonWhitespace } from '../../../common/validation/json-depth';
import { TensorData } from '../../../common/tensor/tensor';
import { FP32_MAX } from '../json-data.codec';
import { Span } from './data-spans';

type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array;

/** The datatypes read here, with their storage and the values each accepts. */
const NUMERIC: Partial<
  Record<DataType, { make(n: number): NumericArray; ok(v: number): boolean }>
> = {
  FP32: { make: (n) => new Float32Array(n), ok: (v) => Math.abs(v) <= FP32_MAX },
  FP64: { make: (n) => new Float64Array(n), ok: (v) => Math.abs(v) <= Number.MAX_VALUE },
  INT8: ints((n) => new Int8Array(n), 'INT8'),
  INT16: ints((n) => new Int16Array(n), 'INT16'),
  INT32: ints((n) => new Int32Array(n), 'INT32'),
  UINT8: ints((n) => new Uint8Array(n), 'UINT8'),
  UINT16: ints((n) => new Uint16Array(n), 'UINT16'),
  UINT32: ints((n) => new Uint32Array(n), 'UINT32'),
};

function ints(
  make: (n: number) => NumericArray,
  datatype: DataType,
): { make(n: number): NumericArray; ok(v: number): boolean } {
  const [min, max] = INT_RANGES[datatype] as readonly [number, number];
  return { make, ok: (v) => Number.isInteger(v) && v >= min && v <= max };
}

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** Exact powers of ten as doubles: m / 10^k with m < 2^53 and k ≤ 22 is correctly rounded. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** What may come next while reading the nested arrays. */
const enum Next {
  Value,
  ValueOrClose,
  CommaOrClose,
}

/**
 * A span of nested JSON arrays of numbers, read straight into the datatype's typed array: the
 * same values decodeJsonData gives for the parsed span (numbers are correctly rounded, as
 * JSON.parse rounds them). Undefined whenever anything would make decodeJsonData refuse the span
 * or is not a plain number (a string, a boolean, nesting deeper than the shape, a count other than
 * the shape's, a value out of range, malformed text), and for the datatypes not read here: the
 * caller then decodes the parsed span, which accepts it or names the fault exactly.
 */
export function numericSpan(
  text: Buffer,
  span: Span,
  datatype: DataType,
  shape: readonly number[],
): TensorData | undefined {
  const kind = NUMERIC[datatype];
  if (!kind) return undefined;
  const expected = elementCount(shape);
  // Each number takes a byte and a comma: a shape the span cannot fill is not allocated.
  if (expected > (span.end - span.start + 1) / 2) return undefined;
  const maxDepth = Math.max(shape.length, 1);
  const out = kind.make(expected);
  let n = 0;
  let depth = 0;
  let next = Next.Value;
  let i = span.start;
  const end = span.end;
  while (i < end) {
    const c = text[i];
    if (isJsonWhitespace(c)) {
      i++;
    } else if (c === OPEN_ARRAY) {
      if (next === Next.CommaOrClose || ++depth > maxDepth) return undefined;
      next = Next.ValueOrClose;
      i++;
    } else if (c === CLOSE_ARRAY) {
      if (next === Next.Value) return undefined;
      depth--;
      next = Next.CommaOrClose;
      i++;
    } else if (c === COMMA) {
      if (next !== Next.CommaOrClose || depth === 0) return undefined;
      next = Next.Value;
      i++;
    } else {
      if (next === Next.CommaOrClose || depth === 0 || n === expected) return undefined;
      const stop = numberEnd(text, i, end);
      if (stop < 0) return undefined;
      const v = numberAt(text, i, stop);
      if (!kind.ok(v)) return undefined;
      out[n++] = v;
      next = Next.CommaOrClose;
      i = stop;
    }
    if (depth === 0 && next === Next.CommaOrClose) break;
  }
  while (i < end && isJsonWhitespace(text[i])) i++;
  return depth === 0 && i === end && n === expected ? out : undefined;
}

/** The end of the JSON number at `i` (RFC 8259 grammar), or -1 when there is none. */
function numberEnd(text: Buffer, i: number, end: number): number {
  if (text[i] === MINUS) i++;
  if (text[i] === DIGIT_0) i++;
  else if (isDigit(text[i])) while (i < end && isDigit(text[i])) i++;
  else return -1;
  if (text[i] === DOT) {
    i++;
    if (!isDigit(text[i])) return -1;
    while (i < end && isDigit(text[i])) i++;
  }
  if (text[i] === 0x65 || text[i] === 0x45) {
    i++;
    if (text[i] === PLUS || text[i] === MINUS) i++;
    if (!isDigit(text[i])) return -1;
    while (i < end && isDigit(text[i])) i++;
  }
  return i <= end ? i : -1;
}

/**
 * The value of a well-formed JSON number. Up to 15 digits and 22 decimals without an exponent it
 * is computed exactly (Clinger's fast path); anything else goes to Number(), which rounds as
 * JSON.parse does.
 */
function numberAt(text: Buffer, start: number, stop: number): number {
  let i = start;
  const negative = text[i] === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < stop; i++) {
    const c = text[i];
    if (c === DOT) {
      decimals = 0;
      continue;
    }
    if (c < DIGIT_0 || c > DIGIT_9) return Number(text.toString('latin1', start, stop));
    mantissa = mantissa * 10 + (c - DIGIT_0);
    digits++;
    if (decimals >= 0) decimals++;
  }
  if (digits > 15 || decimals > 22) return Number(text.toString('latin1', start, stop));
  const value = decimals > 0 ? mantissa / POW10[decimals] : mantissa;
  return negative ? -value : value;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= DIGIT_0 && c <= DIGIT_9;
}
