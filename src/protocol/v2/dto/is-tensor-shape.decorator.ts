import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsInt, Min } from 'class-validator';

/** Highest rank accepted on the wire; ONNX models in practice stay far below it. */
export const MAX_TENSOR_RANK = 32;

/** A tensor shape on the wire: each dimension a non-negative integer. */
export function IsTensorShape(): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMaxSize(MAX_TENSOR_RANK, {
      message: `$property may have at most ${MAX_TENSOR_RANK} dimensions`,
    }),
    IsInt({ each: true, message: '$property must contain only integers' }),
    Min(0, { each: true, message: '$property must contain only sizes ≥ 0' }),
  );
}
