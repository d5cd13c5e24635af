import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { clientText } from '../client-text';
import { jsonStructureProblem } from './json-structure';

/**
 * Checks a parsed JSON value against a class-validator DTO. Returns the instance, or the first
 * few problems as one readable sentence (`inputs.0.shape must contain only integers; ...`).
 * The structural guard (prototype keys, depth) runs first, before class-transformer sees the value.
 */
export function validateDto<T extends object>(
  dto: ClassConstructor<T>,
  value: unknown,
): DtoResult<T> {
  const structural = isObject(value) ? jsonStructureProblem(value) : undefined;
  return structural ? { ok: false, message: structural } : validateDtoFields(dto, value);
}

export type DtoResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * validateDto without the structural guard, for a caller that has already run it on the value
 * this one was derived from (the V2 envelope codec), so the request is not walked twice.
 */
export function validateDtoFields<T extends object>(
  dto: ClassConstructor<T>,
  value: unknown,
): DtoResult<T> {
  if (!isObject(value)) return { ok: false, message: 'expected a JSON object' };
  const instance = plainToInstance(dto, value);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length === 0) return { ok: true, value: instance };
  return { ok: false, message: flatten(errors, '').slice(0, 5).join('; ') };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Property names are the client's keys (an unknown one is named by "should not exist"), so each is quoted cut short. */
function flatten(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((e) => {
    const property = clientText(e.property);
    const path = prefix ? `${prefix}.${property}` : property;
    const own = Object.values(e.constraints ?? {}).map((m) => {
      const named = m.split(e.property).join(property);
      return named.startsWith(property)
        ? `${path}${named.slice(property.length)}`
        : `${path}: ${named}`;
    });
    return [...own, ...flatten(e.children ?? [], path)];
  });
}
