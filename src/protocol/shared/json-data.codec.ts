import { clientText } from '../../common/client-text';
import { DataType, INT_RANGES } from '../../common/tensor/datatype';
import { fromHalfBits, HALF_MAX, toHalfBits } from '../../common/tensor/fp16';
import { elementCount, formatShape } from '../../common/tensor/shape';
import { TensorData } from '../../common/tensor/tensor';
import { InvalidInputError } from '../../common/errors/serving.errors';

/** The largest finite FP32 value: a JSON number beyond it cannot be stored. */
export const FP32_MAX = 3.4028234663852886e38;

/**
 * Turns the JSON `data` of one tensor (flat or nested row-major) into typed storage.
 * `what` names the tensor in messages, e.g. `input 'INPUT0'`. Throws InvalidInputError naming
 * the element, its value and what the datatype allows. Nested data is walked twice (count, then
 * fill) rather than flattened into a JS array first: for millions of elements that array and its
 * boxed numbers cost more memory than the typed result.
 */
export function decodeJsonData(
  what: string,
  datatype: DataType,
  shape: readonly number[],
  data: unknown,
): TensorData {
  if (!Array.isArray(data)) throw new InvalidInputError(`${what}: data must be a JSON array`);
  const nested = data.some(Array.isArray);
  const count = nested ? countLeaves(what, data, Math.max(shape.length, 1)) : data.length;
  const expected = elementCount(shape);
  if (count !== expected) {
    throw new InvalidInputError(
      `${what}: shape ${formatShape(shape)} holds ${expected} elements but data has ${count}`,
    );
  }
  const fail = (v: unknown, i: number, allowed: string): never => {
    throw new InvalidInputError(
      `${what} (${datatype}): element ${i} is ${preview(v)}, expected ${allowed}`,
    );
  };
  const { make, element } = storageOf(datatype, fail);
  const out = make(count);
  if (!nested) for (let i = 0; i < count; i++) out[i] = element(data[i], i);
  else {
    let i = 0;
    const walk = (items: unknown[]): void => {
      for (const item of items) {
        if (Array.isArray(item)) walk(item);
        else {
          out[i] = element(item, i);
          i++;
        }
      }
    };
    walk(data);
  }
  return out as TensorData;
}

/** Elements of nested data, refusing nesting deeper than the shape. */
function countLeaves(what: string, data: unknown[], maxDepth: number): number {
  let count = 0;
  const walk = (items: unknown[], depth: number): void => {
    if (depth > maxDepth) {
      throw new InvalidInputError(
        `${what}: data is nested deeper than the shape's ${maxDepth} dimensions`,
      );
    }
    for (const item of items) {
      if (Array.isArray(item)) walk(item, depth + 1);
      else count++;
    }
  };
  walk(data, 1);
  return count;
}

type Fail = (v: unknown, i: number, allowed: string) => never;

/** A datatype's storage and the check-and-convert of one JSON element into it. */
interface Storage {
  make(n: number): { [i: number]: unknown };
  element(v: unknown, i: number): unknown;
}

function storageOf(datatype: DataType, fail: Fail): Storage {
  switch (datatype) {
    case 'BOOL':
      return {
        make: (n) => new Uint8Array(n),
        element: (v, i) => (typeof v === 'boolean' ? Number(v) : fail(v, i, 'true or false')),
      };
    case 'BYTES':
      return {
        make: (n) => new Array<string>(n),
        element: (v, i) => (typeof v === 'string' ? v : fail(v, i, 'a string')),
      };
    case 'FP16':
      return {
        make: (n) => new Uint16Array(n),
        element: (v, i) =>
          toHalfBits(finite(v, HALF_MAX) ?? fail(v, i, `a number within ±${HALF_MAX}`)),
      };
    case 'FP32':
      return {
        make: (n) => new Float32Array(n),
        element: (v, i) => finite(v, FP32_MAX) ?? fail(v, i, 'a number within FP32 range'),
      };
    case 'FP64':
      return {
        make: (n) => new Float64Array(n),
        element: (v, i) => finite(v, Number.MAX_VALUE) ?? fail(v, i, 'a finite number'),
      };
    case 'INT64':
      return {
        make: (n) => new BigInt64Array(n),
        element: (v, i) =>
          bigInt(v, -(2n ** 63n), 2n ** 63n - 1n) ?? fail(v, i, 'an INT64 integer'),
      };
    case 'UINT64':
      return {
        make: (n) => new BigUint64Array(n),
        element: (v, i) => bigInt(v, 0n, 2n ** 64n - 1n) ?? fail(v, i, 'a UINT64 integer'),
      };
    default:
      return smallInts(datatype, fail);
  }
}

const SMALL_INT_ARRAYS: Partial<Record<DataType, (n: number) => { [i: number]: unknown }>> = {
  UINT8: (n) => new Uint8Array(n),
  UINT16: (n) => new Uint16Array(n),
  UINT32: (n) => new Uint32Array(n),
  INT8: (n) => new Int8Array(n),
  INT16: (n) => new Int16Array(n),
  INT32: (n) => new Int32Array(n),
};

function smallInts(datatype: DataType, fail: Fail): Storage {
  const [min, max] = INT_RANGES[datatype] as readonly [number, number];
  return {
    make: SMALL_INT_ARRAYS[datatype] ?? ((n) => new Int32Array(n)),
    element: (v, i) =>
      typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
        ? v
        : fail(v, i, `an integer in [${min}, ${max}]`),
  };
}

/**
 * A value as JSON, cut short: messages must not echo a 10 MB element back to the client. A number
 * JSON.parse overflowed (1e400) is named Infinity, not null as JSON.stringify would write it.
 */
function preview(v: unknown): string {
  const text =
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : (JSON.stringify(v) ?? String(v));
  return clientText(text, 40);
}

function finite(v: unknown, limit: number): number | undefined {
  return typeof v === 'number' && Math.abs(v) <= limit ? v : undefined;
}

/** 64-bit integers arrive as JSON numbers (exact up to 2^53) or as decimal strings (exact always). */
function bigInt(v: unknown, min: bigint, max: bigint): bigint | undefined {
  let n: bigint;
  if (typeof v === 'number' && Number.isSafeInteger(v)) n = BigInt(v);
  else if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) n = BigInt(v);
  else return undefined;
  return n >= min && n <= max ? n : undefined;
}

/**
 * JSON text for tensor data, flat row-major. Non-finite floats become null (JSON has no NaN);
 * 64-bit integers are written with all their digits.
 */
export function encodeJsonData(datatype: DataType, data: TensorData): string {
  if (Array.isArray(data)) return JSON.stringify(data);
  if (datatype === 'BOOL')
    return `[${Array.from(data as Uint8Array, (v) => (v ? 'true' : 'false')).join(',')}]`;
  if (datatype === 'FP16')
    return `[${Array.from(data as Uint16Array, (v) => jsonNumber(fromHalfBits(v))).join(',')}]`;
  if (datatype === 'FP32' || datatype === 'FP64') {
    return `[${Array.from(data as Float32Array, jsonNumber).join(',')}]`;
  }
  return `[${data.join(',')}]`;
}

function jsonNumber(v: number): string {
  return Number.isFinite(v) ? String(v) : 'null';
}

/** Plain JS values of tensor data, for formats (KServe V1) that nest rows as JSON arrays. */
export function toJsonValues(datatype: DataType, data: TensorData): unknown[] {
  if (Array.isArray(data)) return data;
  if (datatype === 'BOOL') return Array.from(data as Uint8Array, (v) => v !== 0);
  if (datatype === 'FP16')
    return Array.from(data as Uint16Array, (v) => nullIfNotFinite(fromHalfBits(v)));
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    return Array.from(data, (v: bigint) =>
      v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v.toString(),
    );
  }
  return Array.from(data as Float64Array, nullIfNotFinite);
}

function nullIfNotFinite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
