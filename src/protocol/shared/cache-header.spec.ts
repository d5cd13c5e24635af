import { cacheHeader } from './cache-header';

describe('cacheHeader', () => {
  it.each([
    [[], {}],
    [[{}], {}],
    [[{ cache: 'HIT' }], { 'X-Cache': 'HIT' }],
    [[{ cache: 'MISS' }], { 'X-Cache': 'MISS' }],
    [[{ cache: 'HIT' }, { cache: 'HIT' }], { 'X-Cache': 'HIT' }],
    [[{ cache: 'HIT' }, { cache: 'MISS' }], { 'X-Cache': 'MISS' }],
  ] as const)('%j → %j', (results, header) => {
    expect(cacheHeader(results)).toEqual(header);
  });
});
