import { decodeV1Records } from './v1-records.codec';

describe('decodeV1Records', () => {
  it.each([
    [
      'a bare array, in chunks of max_batch_size',
      [{ a: 1 }, { a: 2 }, { a: 3 }],
      2,
      [[{ a: 1 }, { a: 2 }], [{ a: 3 }]],
    ],
    ['instances, each row as sent', { instances: ['x', 7, { b: [1] }] }, 8, [['x', 7, { b: [1] }]]],
    ['one row per run without a batch dimension', ['x', 'y'], 0, [['x'], ['y']]],
    ['no rows at all', [], 4, []],
  ])('%s', (_case, body, maxBatchSize, chunks) => {
    expect(decodeV1Records('m', body, maxBatchSize)).toEqual(chunks);
  });

  it.each([
    ['columns', { inputs: { a: [1] } }, 'send {"instances": [...]} or a JSON array of records'],
    ['instances that are not a list', { instances: 3 }, 'send {"instances": [...]}'],
    ['a prototype key', [JSON.parse('{"__proto__": {"x": 1}}')], '__proto__'],
  ])('refuses %s with 400', (_case, body, message) => {
    expect(() => decodeV1Records('m', body, 8)).toThrow(message);
  });

  it('refuses a body needing more runs than MAX_INFLIGHT_PER_MODEL as too large', () => {
    expect(() => decodeV1Records('m', [1, 2, 3], 1, 2)).toThrow(
      "model 'm' runs at most 1 records at a time, so 3 records need 3 runs at once",
    );
  });
});
