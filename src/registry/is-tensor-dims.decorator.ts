import { applyDecorators } from '@nestjs/common';
import { IsArray, IsInt, Min } from 'class-validator';

/** A shape in config or on the wire: integers, each -1 (variable) or a non-negative size. */
export function IsTensorDims(): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    IsInt({ each: true, message: '$property must contain only integers' }),
    Min(-1, { each: true, message: '$property entries must be -1 (variable) or a size ≥ 0' }),
  );
}
