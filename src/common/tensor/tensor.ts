import { DataType } from './datatype';

/**
 * Element storage per datatype. BOOL is a Uint8Array of 0/1, FP16 a Uint16Array of IEEE half bits,
 * 64-bit integers are BigInt arrays, BYTES is one JS string per element.
 */
export type TensorData =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | BigUint64Array
  | BigInt64Array
  | Float32Array
  | Float64Array
  | string[];

/** A protocol-neutral tensor: what codecs produce and the runtime consumes. Data is row-major. */
export interface Tensor {
  readonly name: string;
  readonly datatype: DataType;
  readonly shape: readonly number[];
  readonly data: TensorData;
}
