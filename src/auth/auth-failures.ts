import { Clock } from '../common/clock';

const WINDOW_MS = 60_000;
/** Addresses tracked at once; past it the window's table is cleared early (a flood of addresses). */
const MAX_ADDRESSES = 100_000;

/**
 * Failed authentications per client address in fixed one-minute windows. Past the limit an
 * address is refused (429) without its credentials being checked until the window ends, so a
 * key-guessing client costs one map lookup per attempt and reads no bodies.
 */
export class AuthFailures {
  private windowStart: number;
  private readonly counts = new Map<string, number>();

  constructor(
    /** Failures allowed per address per minute; 0: no limit. */
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {
    this.windowStart = clock.now();
  }

  /** Seconds until `address` may try again, or 0 when it is under the limit. */
  blockedFor(address: string): number {
    if (this.perMinute === 0) return 0;
    this.roll();
    if ((this.counts.get(address) ?? 0) < this.perMinute) return 0;
    return Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - this.clock.now()) / 1000));
  }

  /** Counts one failed attempt from `address`. */
  record(address: string): void {
    if (this.perMinute === 0) return;
    this.roll();
    if (this.counts.size >= MAX_ADDRESSES) this.counts.clear();
    this.counts.set(address, (this.counts.get(address) ?? 0) + 1);
  }

  private roll(): void {
    const now = this.clock.now();
    if (now - this.windowStart < WINDOW_MS) return;
    this.windowStart = now;
    this.counts.clear();
  }
}
