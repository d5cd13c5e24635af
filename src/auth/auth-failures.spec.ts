import { Clock } from '../common/clock';
import { AuthFailures } from './auth-failures';

function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    setTimer: () => undefined,
    clearTimer: () => undefined,
    advance: (ms) => (now += ms),
  };
}

describe('AuthFailures', () => {
  it('blocks an address past its failures for the rest of the minute, per address', () => {
    const clock = fakeClock();
    const failures = new AuthFailures(3, clock);
    for (let i = 0; i < 3; i++) {
      expect(failures.blockedFor('a')).toBe(0);
      failures.record('a');
    }
    clock.advance(20_000);
    expect(failures.blockedFor('a')).toBe(40);
    expect(failures.blockedFor('b')).toBe(0);
    clock.advance(40_000);
    expect(failures.blockedFor('a')).toBe(0);
  });

  it('never blocks when the limit is 0', () => {
    const failures = new AuthFailures(0, fakeClock());
    for (let i = 0; i < 100; i++) failures.record('a');
    expect(failures.blockedFor('a')).toBe(0);
  });
});
