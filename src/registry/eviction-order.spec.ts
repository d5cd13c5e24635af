import { evictionOrder, ResidentVersion } from './eviction-order';

const v = (
  model: string,
  lastUsed: number,
  extra: Partial<ResidentVersion> = {},
): ResidentVersion => ({
  model,
  version: 1,
  bytes: 100,
  inFlight: 0,
  lastUsed,
  pinned: false,
  ...extra,
});

const atMost =
  (count: number, bytes = Infinity) =>
  (t: { count: number; bytes: number }): boolean =>
    t.count > count || t.bytes > bytes;

describe('evictionOrder', () => {
  it.each([
    ['under the budget: nothing', [v('a', 1), v('b', 2)], atMost(2), []],
    ['over by one: the least recently used', [v('a', 2), v('b', 1), v('c', 3)], atMost(2), ['b']],
    [
      'over by two: the two oldest, oldest first',
      [v('a', 3), v('b', 1), v('c', 2)],
      atMost(1),
      ['b', 'c'],
    ],
    [
      'skips a version in use',
      [v('a', 1, { inFlight: 1 }), v('b', 2), v('c', 3)],
      atMost(2),
      ['b'],
    ],
    [
      'skips a pinned version',
      [v('a', 1, { pinned: true }), v('b', 2), v('c', 3)],
      atMost(2),
      ['b'],
    ],
    [
      'all busy or pinned: none',
      [v('a', 1, { pinned: true }), v('b', 2, { inFlight: 2 })],
      atMost(1),
      [],
    ],
    [
      'by bytes: until the footprints fit',
      [v('a', 1, { bytes: 300 }), v('b', 2, { bytes: 300 }), v('c', 3, { bytes: 300 })],
      atMost(10, 500),
      ['a', 'b'],
    ],
  ])('%s', (_name, resident, isOver, evicted) => {
    expect(evictionOrder(resident, isOver).map((r) => r.model)).toEqual(evicted);
  });
});
