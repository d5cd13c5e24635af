import { applyDecorators } from '@nestjs/common';
import { IsArray, IsInt, Min } from 'class-validator';

/** A tensor shape on the wire: each dimension a non-negative integer. */
export function IsTensorShape(): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    IsInt({ each: true, message: '$property must contain only integers' }),
    Min(0, { each: true, message: '$property must contain only sizes ≥ 0' }),
  );
}
