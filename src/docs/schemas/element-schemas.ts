import type { SchemaObject } from '@nestjs/swagger';
import { DataType, INT_RANGES } from '../../common/tensor/datatype';

/** The JSON form of one element of `datatype`, as the V2 JSON codec reads and writes it. */
export function elementSchema(datatype: DataType, kind: 'input' | 'output'): SchemaObject {
  const range = INT_RANGES[datatype];
  if (range) return { type: 'integer', minimum: range[0], maximum: range[1] };
  switch (datatype) {
    case 'BOOL':
      return { type: 'boolean' };
    case 'BYTES':
      return { type: 'string' };
    case 'INT64':
    case 'UINT64':
      // Exact beyond 2^53 only as decimal strings; answers keep every digit.
      return {
        oneOf: [
          { type: 'integer', format: 'int64' },
          { type: 'string', pattern: datatype === 'INT64' ? '^-?[0-9]+$' : '^[0-9]+$' },
        ],
      };
    default:
      // FP16/FP32/FP64. JSON has no NaN or Infinity: answers write non-finite values as null.
      return {
        type: 'number',
        format: datatype === 'FP64' ? 'double' : 'float',
        ...(kind === 'output' && { nullable: true }),
      };
  }
}

/** `count` neutral values of `datatype` for an example request. */
export function exampleData(datatype: DataType, count: number): unknown[] {
  const value = datatype === 'BOOL' ? false : datatype === 'BYTES' ? 'text' : 0;
  return new Array<unknown>(count).fill(value);
}
