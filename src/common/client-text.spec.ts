import { capMessage, clientText, MAX_QUOTED_CHARS } from './client-text';

describe('clientText', () => {
  it.each<[string, unknown, string]>([
    ['a short name as it is', 'INPUT0', 'INPUT0'],
    ['a name of exactly the limit as it is', 'a'.repeat(64), 'a'.repeat(64)],
    ['a longer one cut, with its length', 'a'.repeat(65), `${'a'.repeat(64)}…[65 characters]`],
    ['a number', 12, '12'],
    ['an array by its kind', ['x'.repeat(1000)], 'an array'],
    ['an object by its kind', { k: 'x' }, 'an object'],
    ['null', null, 'null'],
  ])('quotes %s', (_case, value, quoted) => {
    expect(clientText(value)).toBe(quoted);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(MAX_QUOTED_CHARS - 1)}😀${'b'.repeat(10)}`;
    expect(clientText(text)).toBe(`${'a'.repeat(MAX_QUOTED_CHARS - 1)}…[75 characters]`);
  });

  it('takes another limit', () => {
    expect(clientText('abcdef', 3)).toBe('abc…[6 characters]');
  });
});

describe('capMessage', () => {
  it('leaves a message within the cap and cuts a longer one', () => {
    expect(capMessage('short', 10)).toBe('short');
    expect(capMessage('x'.repeat(20), 10)).toBe(`${'x'.repeat(10)}…[20 characters]`);
  });
});
