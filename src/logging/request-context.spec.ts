import { requestIdFor } from './request-context';

describe('requestIdFor', () => {
  const generate = () => 'generated';
  it.each([
    ['no header', undefined, 'generated'],
    ['a uuid', '3f2b8c1e-1d2a-4c5b-9e8f-0a1b2c3d4e5f', '3f2b8c1e-1d2a-4c5b-9e8f-0a1b2c3d4e5f'],
    ['a trace-style id', 'abc.DEF_123:4/5+6=@~', 'abc.DEF_123:4/5+6=@~'],
    ['the first of repeated headers', ['first', 'second'], 'first'],
    ['an empty value', '', 'generated'],
    ['spaces', 'a b', 'generated'],
    ['a newline (log injection)', 'id\n{"level":"error"}', 'generated'],
    ['quotes', 'a"b', 'generated'],
    ['non-ASCII', 'idé', 'generated'],
    ['129 characters', 'x'.repeat(129), 'generated'],
  ])('%s', (_case, header, expected) => {
    expect(requestIdFor(header, generate)).toBe(expected);
  });

  it('keeps 128 characters', () => {
    expect(requestIdFor('x'.repeat(128), generate)).toBe('x'.repeat(128));
  });
});
