/** The Open Inference Protocol's tensor datatypes. */
export const DATATYPES = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
] as const;

export type DataType = (typeof DATATYPES)[number];

/**
 * The typed form of each datatype's elements, in and out. BOOL is one byte per element (0 or 1),
 * as on the wire; FP16 is widened to Float32Array (the client converts to and from half floats);
 * 64-bit integers are bigint arrays, so every digit survives; BYTES elements are strings (UTF-8)
 * or raw bytes.
 */
export interface TensorDataMap {
  BOOL: Uint8Array;
  UINT8: Uint8Array;
  UINT16: Uint16Array;
  UINT32: Uint32Array;
  UINT64: BigUint64Array;
  INT8: Int8Array;
  INT16: Int16Array;
  INT32: Int32Array;
  INT64: BigInt64Array;
  FP16: Float32Array;
  FP32: Float32Array;
  FP64: Float64Array;
  BYTES: string[] | Uint8Array[];
}

/** Any datatype's typed data. */
export type TensorData = TensorDataMap[DataType];

type NumericType = Exclude<DataType, 'BYTES'>;

interface TypedArrayConstructor<T> {
  new (length: number): T;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** The array type that holds each fixed-size datatype's elements, and its size on the wire. */
export const TYPED_ARRAYS: {
  readonly [D in NumericType]: {
    readonly array: TypedArrayConstructor<TensorDataMap[D]>;
    readonly wireBytes: number;
  };
} = {
  BOOL: { array: Uint8Array, wireBytes: 1 },
  UINT8: { array: Uint8Array, wireBytes: 1 },
  UINT16: { array: Uint16Array, wireBytes: 2 },
  UINT32: { array: Uint32Array, wireBytes: 4 },
  UINT64: { array: BigUint64Array, wireBytes: 8 },
  INT8: { array: Int8Array, wireBytes: 1 },
  INT16: { array: Int16Array, wireBytes: 2 },
  INT32: { array: Int32Array, wireBytes: 4 },
  INT64: { array: BigInt64Array, wireBytes: 8 },
  FP16: { array: Float32Array, wireBytes: 2 },
  FP32: { array: Float32Array, wireBytes: 4 },
  FP64: { array: Float64Array, wireBytes: 8 },
};

/** Whether `value` names a datatype of the protocol. */
export function isDataType(value: unknown): value is DataType {
  return typeof value === 'string' && (DATATYPES as readonly string[]).includes(value);
}
