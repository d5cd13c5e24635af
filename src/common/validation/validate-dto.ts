import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { jsonStructureProblem } from './json-structure';

/**
 * Checks a parsed JSON value against a class-validator DTO. Returns the instance, or the first
 * few problems as one readable sentence (`inputs.0.shape must contain only integers; ...`).
 */
export function validateDto<T extends object>(
  dto: ClassConstructor<T>,
  value: unknown,
): { ok: true; value: T } | { ok: false; message: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'expected a JSON object' };
  }
  const structural = jsonStructureProblem(value);
  if (structural) return { ok: false, message: structural };
  const instance = plainToInstance(dto, value);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length === 0) return { ok: true, value: instance };
  return { ok: false, message: flatten(errors, '').slice(0, 5).join('; ') };
}

function flatten(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(e.property) ? `${path}${m.slice(e.property.length)}` : `${path}: ${m}`,
    );
    return [...own, ...flatten(e.children ?? [], path)];
  });
}
