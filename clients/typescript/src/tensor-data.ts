import { DataType, TensorData, TensorDataMap, TYPED_ARRAYS } from './datatypes.js';
import { InferenceProtocolError } from './errors.js';
import type { JsonTensorData } from './types.js';

type JsonValue = number | string | boolean | null;

/**
 * An input's data as the JSON `data` array: 64-bit integers as decimal strings (exact beyond
 * 2^53, which the protocol allows), BOOL as booleans, BYTES as strings.
 */
export function toJsonData(datatype: DataType, data: TensorData | JsonTensorData): JsonValue[] {
  const out: JsonValue[] = new Array<JsonValue>(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v === 'bigint') out[i] = v.toString();
    else if (datatype === 'BOOL') out[i] = Boolean(v);
    else if (v instanceof Uint8Array) out[i] = new TextDecoder().decode(v);
    else out[i] = v;
  }
  return out;
}

/** An answer's JSON `data` (flat or nested, row-major) in the datatype's typed form. */
export function fromJsonData<D extends DataType>(datatype: D, data: unknown): TensorDataMap[D] {
  const flat = Array.isArray(data) ? (data.flat(Infinity) as unknown[]) : [data];
  return toTyped(datatype, flat as JsonTensorData);
}

/** Any accepted form of data as the datatype's typed form (typed data is returned as it is). */
export function toTyped<D extends DataType>(
  datatype: D,
  data: TensorData | JsonTensorData,
): TensorDataMap[D] {
  if (datatype === 'BYTES') {
    const bytes = Array.from(data as ArrayLike<unknown>, (v) =>
      v instanceof Uint8Array ? v : String(v),
    );
    return bytes as TensorDataMap[D];
  }
  const { array } = TYPED_ARRAYS[datatype as Exclude<DataType, 'BYTES'>];
  if (data instanceof array) return data as TensorDataMap[D];
  const out = new array(data.length);
  const big = out instanceof BigInt64Array || out instanceof BigUint64Array;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (big) (out as BigInt64Array)[i] = BigInt(v as string | number | bigint);
    else (out as Float64Array)[i] = v === null ? NaN : Number(v);
  }
  return out as TensorDataMap[D];
}

/** Product of a shape's dimensions: the element count it declares. */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** Throws when `count` elements do not fill `shape`. */
export function checkCount(name: string, shape: readonly number[], count: number): void {
  if (elementCount(shape) !== count)
    throw new InferenceProtocolError(
      `tensor '${name}': ${count} elements do not fill shape [${shape.join(',')}]`,
    );
}
