import { DataType } from '../../common/tensor/datatype';

/** ONNX Runtime's tensor type names for each protocol datatype. */
const ORT_TYPES: Readonly<Record<DataType, string>> = {
  BOOL: 'bool',
  UINT8: 'uint8',
  UINT16: 'uint16',
  UINT32: 'uint32',
  UINT64: 'uint64',
  INT8: 'int8',
  INT16: 'int16',
  INT32: 'int32',
  INT64: 'int64',
  FP16: 'float16',
  FP32: 'float32',
  FP64: 'float64',
  BYTES: 'string',
};

const FROM_ORT = new Map<string, DataType>(
  Object.entries(ORT_TYPES).map(([d, o]) => [o, d as DataType]),
);

export function toOrtType(datatype: DataType): string {
  return ORT_TYPES[datatype];
}

export function fromOrtType(type: string): DataType | undefined {
  return FROM_ORT.get(type);
}
