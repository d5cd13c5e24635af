import { nestsDeeperThan } from './json-depth';

const bytes = (s: string): Buffer => Buffer.from(s);

describe('nestsDeeperThan', () => {
  it.each([
    ['a scalar', '1', 0, false],
    ['one array at depth 1', '[1,2]', 1, false],
    ['an array in an object past 1', '{"a":[1]}', 1, true],
    ['exactly the limit', `${'['.repeat(32)}${']'.repeat(32)}`, 32, false],
    ['one past the limit', `${'['.repeat(33)}${']'.repeat(33)}`, 32, true],
    ['brackets inside strings', `["${'['.repeat(100)}"]`, 1, false],
    ['an escaped quote does not end the string', `["\\"[[[[", 1]`, 1, false],
    ['an escaped backslash does end it', `["\\\\", [[1]]]`, 2, true],
    ['siblings do not add up', `[${'[1],'.repeat(1000)}[1]]`, 2, false],
    ['an unclosed run of brackets', '['.repeat(30_000_000 / 1000), 32, true],
  ])('%s', (_name, text, max, expected) => {
    expect(nestsDeeperThan(bytes(text), max)).toBe(expected);
  });
});
