/** Tensor element types, named as the Open Inference Protocol names them. */
export const DATA_TYPES = [
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

export type DataType = (typeof DATA_TYPES)[number];

export function isDataType(value: unknown): value is DataType {
  return typeof value === 'string' && (DATA_TYPES as readonly string[]).includes(value);
}

/** Triton's config.pbtxt names (`TYPE_FP32`) for each protocol datatype; BYTES is `TYPE_STRING`. */
const CONFIG_NAMES: Readonly<Record<DataType, string>> = {
  BOOL: 'TYPE_BOOL',
  UINT8: 'TYPE_UINT8',
  UINT16: 'TYPE_UINT16',
  UINT32: 'TYPE_UINT32',
  UINT64: 'TYPE_UINT64',
  INT8: 'TYPE_INT8',
  INT16: 'TYPE_INT16',
  INT32: 'TYPE_INT32',
  INT64: 'TYPE_INT64',
  FP16: 'TYPE_FP16',
  FP32: 'TYPE_FP32',
  FP64: 'TYPE_FP64',
  BYTES: 'TYPE_STRING',
};

export const CONFIG_DATA_TYPES: readonly string[] = Object.values(CONFIG_NAMES);

export function toConfigDataType(datatype: DataType): string {
  return CONFIG_NAMES[datatype];
}

export function fromConfigDataType(name: string): DataType | undefined {
  return DATA_TYPES.find((d) => CONFIG_NAMES[d] === name);
}

/** The values each integer datatype up to 32 bits holds (64-bit ones need BigInt). */
export const INT_RANGES: Partial<Record<DataType, readonly [min: number, max: number]>> = {
  UINT8: [0, 0xff],
  UINT16: [0, 0xffff],
  UINT32: [0, 0xffffffff],
  INT8: [-0x80, 0x7f],
  INT16: [-0x8000, 0x7fff],
  INT32: [-0x80000000, 0x7fffffff],
};

/** Size of one element in bytes; BYTES elements have no fixed size. */
export const ELEMENT_BYTES: Readonly<Record<DataType, number | undefined>> = {
  BOOL: 1,
  UINT8: 1,
  UINT16: 2,
  UINT32: 4,
  UINT64: 8,
  INT8: 1,
  INT16: 2,
  INT32: 4,
  INT64: 8,
  FP16: 2,
  FP32: 4,
  FP64: 8,
  BYTES: undefined,
};
