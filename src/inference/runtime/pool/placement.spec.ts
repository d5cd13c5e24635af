import { leastBusy, placeSessions, ThreadLoad } from './placement';

const t = (index: number, sessions: number, inFlight = 0): ThreadLoad => ({
  index,
  sessions,
  inFlight,
});

describe('placeSessions', () => {
  it.each([
    ['one session on the emptiest thread', [t(0, 3), t(1, 1), t(2, 2)], 1, [1]],
    [
      'ties go to the least busy, then the lowest index',
      [t(0, 1, 5), t(1, 1, 0), t(2, 1, 0)],
      2,
      [1, 2],
    ],
    ['instances on distinct threads', [t(0, 0), t(1, 0)], 2, [0, 1]],
    ['more instances than threads: one per thread', [t(0, 0), t(1, 0)], 5, [0, 1]],
    ['at least one', [t(0, 0)], 0, [0]],
  ])('%s', (_name, threads, count, expected) => {
    expect(placeSessions(threads, count)).toEqual(expected);
  });

  it('spreads a hundred models evenly over four threads', () => {
    const sessions = [0, 0, 0, 0];
    for (let m = 0; m < 100; m++) {
      const [i] = placeSessions(
        sessions.map((s, index) => t(index, s)),
        1,
      );
      sessions[i]++;
    }
    expect(sessions).toEqual([25, 25, 25, 25]);
  });
});

describe('leastBusy', () => {
  it('picks the fewest runs in flight, the first on a tie', () => {
    expect(leastBusy([t(0, 0, 2), t(1, 0, 1), t(2, 0, 1)]).index).toBe(1);
  });
});
