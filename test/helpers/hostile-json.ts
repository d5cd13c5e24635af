import fc from 'fast-check';

/** Every datatype of the Open Inference Protocol. */
export const DATA_TYPES =
  'BOOL UINT8 UINT16 UINT32 UINT64 INT8 INT16 INT32 INT64 FP16 FP32 FP64 BYTES'.split(' ');

/** Leaves a hostile client would try: edges of integer and float ranges, empties, long strings. */
const nasty = fc.constantFrom<unknown>(
  -1,
  0,
  1.5,
  2 ** 31,
  2 ** 53,
  2 ** 64,
  1e308,
  -1e308,
  '',
  '1',
  'INT32',
  'x'.repeat(300),
  null,
  true,
  [],
  {},
  [[[]]],
);

/** Any JSON value, with the hostile leaves mixed in. */
export const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), nasty);

/** `[[[...1...]]]` up to 3000 levels: deeper than any shape, deep enough to test recursion. */
export const deepArray = fc
  .integer({ min: 1, max: 3000 })
  .map((n) => JSON.parse(`${'['.repeat(n)}1${']'.repeat(n)}`) as unknown);

export const datatype = fc.oneof(
  fc.constantFrom(...DATA_TYPES),
  fc.constantFrom('FLOAT32', 'int32', ' INT32', ''),
  anyJson,
);

const dim = fc.oneof(
  fc.integer({ min: -3, max: 20 }),
  fc.constantFrom(-1, 2 ** 31, 2 ** 53, 1e15, 1e308, 1.5),
  anyJson,
);

/** Shapes: short ones of random, negative, huge and non-integer sizes, too many dimensions, or not an array. */
export const shape = fc.oneof(
  fc.array(dim, { maxLength: 6 }),
  fc.array(fc.constant(1), { minLength: 30, maxLength: 40 }),
  anyJson,
);

/** One tensor element of any type, including values just past a datatype's range. */
export const scalar = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string(),
  fc.constant(null),
  fc.constantFrom(2 ** 31, -1, 65505, 1e39),
);

/** Tensor data: flat or nested arrays of any elements, any JSON, or nesting deeper than any shape. */
export const data = fc.oneof(
  fc.array(scalar, { maxLength: 40 }),
  fc.array(fc.array(scalar, { maxLength: 16 }), { maxLength: 4 }),
  anyJson,
  deepArray,
);

const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'binary_data_size',
    'binary_data_output',
    'classification',
    'data',
    'shape',
    'parameters',
    'id',
  ),
);

/** One change to a JSON body; see mutate. */
export interface Mutation {
  readonly kind: 'delete' | 'replace' | 'addKey' | 'shape' | 'datatype' | 'data';
  /** Picks a child at each level, by index modulo the number of children. */
  readonly path: number[];
  readonly key: string;
  readonly value: unknown;
  readonly shape: unknown;
  readonly datatype: unknown;
  readonly data: unknown;
}

export const mutations = fc.array(
  fc.record({
    kind: fc.constantFrom<Mutation['kind']>(
      'delete',
      'replace',
      'replace',
      'addKey',
      'shape',
      'datatype',
      'data',
    ),
    path: fc.array(fc.nat(), { maxLength: 5 }),
    key,
    value: fc.oneof(anyJson, shape, data, datatype),
    shape,
    datatype,
    data,
  }),
  { minLength: 1, maxLength: 3 },
);

/**
 * A copy of `root` with `changes` applied in order: a field of one input retyped (shape,
 * datatype, data), or the node at `path` deleted or replaced, or a key added to it. Keys are
 * defined as own properties, so `__proto__` reaches the JSON text instead of the prototype.
 */
export function mutate(root: unknown, changes: readonly Mutation[]): unknown {
  // One clone for all changes: a deep array put in by one change is never cloned again.
  const copy = structuredClone(root);
  for (const m of changes) apply(copy, m);
  return copy;
}

function apply(root: unknown, m: Mutation): void {
  if (typeof root !== 'object' || root === null) return;
  if (m.kind === 'shape' || m.kind === 'datatype' || m.kind === 'data') {
    const inputs = (root as { inputs?: unknown }).inputs;
    const input: unknown = Array.isArray(inputs)
      ? inputs[(m.path[0] ?? 0) % Math.max(inputs.length, 1)]
      : undefined;
    if (typeof input === 'object' && input !== null) put(input, m.kind, m[m.kind]);
    return;
  }
  let parent = root;
  let name: string | undefined;
  for (const n of m.path) {
    const keys = Object.keys(parent);
    if (keys.length === 0) break;
    name = keys[n % keys.length];
    const child: unknown = (parent as Record<string, unknown>)[name];
    if (typeof child !== 'object' || child === null) break;
    parent = child;
    name = undefined;
  }
  if (m.kind === 'addKey' || name === undefined) put(parent, m.key, m.value);
  else if (m.kind === 'delete') delete (parent as Record<string, unknown>)[name];
  else put(parent, name, m.value);
}

function put(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
