import { DataType } from './datatype';
import { TensorData } from './tensor';

/** A typed-array constructor that views a whole ArrayBuffer. */
export type TypedArrayView = new (buffer: ArrayBuffer) => Exclude<TensorData, string[]>;

/**
 * The typed array each fixed-size datatype is stored in (BOOL as 0/1 bytes, FP16 as its bits).
 * Shared by every codec that turns raw little-endian bytes back into tensor data.
 */
export const TYPED_ARRAY_VIEWS: Readonly<Record<Exclude<DataType, 'BYTES'>, TypedArrayView>> = {
  BOOL: Uint8Array,
  UINT8: Uint8Array,
  UINT16: Uint16Array,
  UINT32: Uint32Array,
  UINT64: BigUint64Array,
  INT8: Int8Array,
  INT16: Int16Array,
  INT32: Int32Array,
  INT64: BigInt64Array,
  FP16: Uint16Array,
  FP32: Float32Array,
  FP64: Float64Array,
};
