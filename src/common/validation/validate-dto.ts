import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Deepest object/array nesting accepted in a validated envelope (tensor data is not walked here). */
export const MAX_ENVELOPE_DEPTH = 32;

/** Keys refused anywhere: class-transformer mishandles them, and they have no honest use in a payload. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

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
  const structural = checkStructure(value);
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

/**
 * Walks the value iteratively (no recursion, so depth cannot blow the stack) and names the first
 * forbidden key or the point where nesting exceeds MAX_ENVELOPE_DEPTH.
 */
function checkStructure(root: object): string | undefined {
  const stack: [unknown, string, number][] = [[root, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_ENVELOPE_DEPTH)
      return `${path || 'body'} is nested deeper than ${MAX_ENVELOPE_DEPTH} levels`;
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return `key '${key}' is not allowed (at ${at})`;
      stack.push([(value as Record<string, unknown>)[key], at, depth + 1]);
    }
  }
  return undefined;
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
