import { jsonStructureProblem, MAX_ENVELOPE_DEPTH } from './json-structure';

const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('jsonStructureProblem', () => {
  it.each([
    ['a number', 3],
    ['null', null],
    ['an empty object', {}],
    ['a large flat array', new Array(100_000).fill(1)],
    ['keys that merely start like prototype members', { toStringx: 1, proto: {}, _constructor: 2 }],
    [`arrays nested ${MAX_ENVELOPE_DEPTH} levels`, JSON.parse(nested(MAX_ENVELOPE_DEPTH))],
  ])('accepts %s', (_case, value) => {
    expect(jsonStructureProblem(value)).toBeUndefined();
  });

  it.each([
    [
      '__proto__ at the top',
      '{"__proto__": {"x": 1}}',
      "key '__proto__' is not allowed (at __proto__)",
    ],
    [
      '__proto__ written with an escape',
      '{"\\u005f_proto__": 1}',
      "key '__proto__' is not allowed",
    ],
    [
      'constructor inside an array',
      '{"inputs": [{"name": "a"}, {"constructor": {}}]}',
      "key 'constructor' is not allowed (at inputs.1.constructor)",
    ],
    ['prototype in a nested object', '{"a": {"b": {"prototype": 1}}}', '(at a.b.prototype)'],
    [
      'toString, which class-transformer would drop',
      '{"toString": 1}',
      "key 'toString' is not allowed",
    ],
    [
      'hasOwnProperty',
      '{"p": {"hasOwnProperty": {}}}',
      "key 'hasOwnProperty' is not allowed (at p.hasOwnProperty)",
    ],
    [
      'one level too deep',
      nested(MAX_ENVELOPE_DEPTH + 1),
      `${new Array(MAX_ENVELOPE_DEPTH).fill(0).join('.')} is nested deeper than 32 levels`,
    ],
    [
      '100000 levels, without overflowing the stack',
      nested(100_000),
      'is nested deeper than 32 levels',
    ],
    ['a deep object under a key', `{"p": {"a": ${nested(40)}}}`, 'p.a.0.0'],
  ])('names %s', (_case, json, message) => {
    expect(jsonStructureProblem(JSON.parse(json))).toContain(message);
  });
});
