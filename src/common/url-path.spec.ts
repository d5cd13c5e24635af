import { pathOf } from './url-path';

describe('pathOf', () => {
  it.each([
    ['/v2/models/x', '/v2/models/x'],
    ['/v2/models/x?token=secret', '/v2/models/x'],
    ['/v2/models/x?', '/v2/models/x'],
    ['/a#frag?b', '/a'],
    ['/a%3Fb?c', '/a%3Fb'],
    ['', ''],
  ])('shows %j as %j', (url, path) => {
    expect(pathOf(url)).toBe(path);
  });
});
