import { InvalidInputError } from '../../../common/errors/serving.errors';
import { DataType } from '../../../common/tensor/datatype';
import { TensorData } from '../../../common/tensor/tensor';
import { decodeJsonData } from '../../shared/json-data.codec';
import { TensorContentsMessage } from './grpc-messages';

type ContentsField = keyof TensorContentsMessage;

/**
 * The `InferTensorContents` field each datatype travels in. FP16 has none (protobuf has no 16-bit
 * float): it travels in raw_input_contents / raw_output_contents only.
 */
export const CONTENTS_FIELD: Readonly<Record<DataType, ContentsField | undefined>> = {
  BOOL: 'bool_contents',
  UINT8: 'uint_contents',
  UINT16: 'uint_contents',
  UINT32: 'uint_contents',
  UINT64: 'uint64_contents',
  INT8: 'int_contents',
  INT16: 'int_contents',
  INT32: 'int_contents',
  INT64: 'int64_contents',
  FP16: undefined,
  FP32: 'fp32_contents',
  FP64: 'fp64_contents',
  BYTES: 'bytes_contents',
};

const FIELDS = [...new Set(Object.values(CONTENTS_FIELD))].filter(
  (f): f is ContentsField => f !== undefined,
);

/**
 * Typed contents → typed storage. The elements are checked by the same code as REST's JSON
 * `data` (json-data.codec.ts), so a value out of its datatype's range (300 in INT8's
 * int_contents) gets the message REST gives. Contents in another datatype's field are refused,
 * as Triton refuses them.
 */
export function decodeContents(
  what: string,
  datatype: DataType,
  shape: readonly number[],
  contents: TensorContentsMessage,
): TensorData {
  const field = CONTENTS_FIELD[datatype];
  if (field === undefined) {
    throw new InvalidInputError(
      `${what}: ${datatype} data must be sent in raw_input_contents (InferTensorContents has no ${datatype} field)`,
    );
  }
  const stray = FIELDS.find((f) => f !== field && (contents[f]?.length ?? 0) > 0);
  if (stray !== undefined) {
    throw new InvalidInputError(
      `${what}: ${datatype} data must be in contents.${field}, not contents.${stray}`,
    );
  }
  const values = contents[field] ?? [];
  const elements =
    datatype === 'BYTES' ? (values as readonly Buffer[]).map((b) => b.toString('utf8')) : values;
  return decodeJsonData(what, datatype, shape, elements as unknown[]);
}

/** Typed storage → the contents field its datatype travels in; undefined for FP16 (raw only). */
export function encodeContents(
  datatype: DataType,
  data: TensorData,
): TensorContentsMessage | undefined {
  const field = CONTENTS_FIELD[datatype];
  if (field === undefined) return undefined;
  return { [field]: elementsOf(datatype, data) };
}

function elementsOf(datatype: DataType, data: TensorData): unknown[] {
  if (Array.isArray(data)) return data.map((s) => Buffer.from(s, 'utf8'));
  if (datatype === 'BOOL') return Array.from(data as Uint8Array, (v) => v !== 0);
  // 64-bit integers as decimal strings: protobuf writes them exactly, a Number would round.
  if (data instanceof BigInt64Array || data instanceof BigUint64Array)
    return Array.from(data, (v: bigint) => v.toString());
  return Array.from(data as Float64Array);
}
