import { MAX_VERSION, parseVersion } from './model-name';

describe('parseVersion', () => {
  it.each<[string, number | undefined]>([
    ['1', 1],
    ['10', 10],
    ['9007199254740991', MAX_VERSION],
    // Past 2^53 − 1 a number rounds: these would be read as 9007199254740992 and 10000000000000000.
    ['9007199254740992', undefined],
    ['9007199254740993', undefined],
    ['9999999999999999', undefined],
    ['0', undefined],
    ['01', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    ['', undefined],
    ['12345678901234567', undefined],
  ])('reads %j as %p', (text, version) => {
    expect(parseVersion(text)).toBe(version);
  });
});
