import { clientText } from '../client-text';

/** Deepest object/array nesting accepted in a request body's JSON (the body itself is level 0). */
export const MAX_ENVELOPE_DEPTH = 32;

/**
 * Keys refused anywhere: class-transformer mishandles them (it drops a key the instance already
 * has as a method, so `{"toString": 1}` would pass a DTO that refuses unknown keys), and they
 * have no honest use in a payload.
 */
const FORBIDDEN_KEYS = new Set(['prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

interface Frame {
  readonly value: object;
  readonly depth: number;
  /** The key or array index the value sits under; made a string only for a message. */
  readonly key: string | number;
  readonly parent?: Frame;
}

/**
 * Names the first forbidden key (`__proto__`, `constructor`, `prototype`, `toString` and the
 * other members of Object.prototype) in a parsed JSON value, or the first object or array nested
 * deeper than MAX_ENVELOPE_DEPTH; undefined when there is neither. Iterative, so depth cannot blow the stack, and it visits only objects and arrays (a
 * tensor's numbers cost one typeof each), so it can run over whole V1 bodies.
 */
export function jsonStructureProblem(root: unknown): string | undefined {
  if (typeof root !== 'object' || root === null) return undefined;
  const stack: Frame[] = [{ value: root, depth: 0, key: '' }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (frame.depth >= MAX_ENVELOPE_DEPTH)
      return `${pathOf(frame) || 'body'} is nested deeper than ${MAX_ENVELOPE_DEPTH} levels`;
    const { value, depth } = frame;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item !== 'object' || item === null) continue;
        // A row of numbers (millions of them in a V1 body) is checked here, not stacked.
        if (Array.isArray(item) && holdsNoObjects(item)) {
          if (depth + 1 < MAX_ENVELOPE_DEPTH) continue;
          const row = { value: item, depth: depth + 1, key: i, parent: frame };
          return `${pathOf(row)} is nested deeper than ${MAX_ENVELOPE_DEPTH} levels`;
        }
        stack.push({ value: item, depth: depth + 1, key: i, parent: frame });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key))
        return `key '${key}' is not allowed (at ${pathOf({ value, depth, key, parent: frame })})`;
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null)
        stack.push({ value: item, depth: depth + 1, key, parent: frame });
    }
  }
  return undefined;
}

function holdsNoObjects(items: unknown[]): boolean {
  for (const item of items) if (typeof item === 'object' && item !== null) return false;
  return true;
}

/** `inputs.0.parameters` for a frame; built only when a problem is reported. */
function pathOf(frame: Frame): string {
  const keys: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent)
    keys.push(clientText(String(f.key)));
  return keys.reverse().join('.');
}
