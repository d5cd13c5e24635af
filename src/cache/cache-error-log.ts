import { Clock } from '../common/clock';

/** The logger methods the cache uses (Nest's Logger has them). */
export interface CacheLogger {
  warn(message: string): void;
  log(message: string): void;
}

/** One warning at most per this many ms, however many requests fail meanwhile. */
export const CACHE_LOG_INTERVAL_MS = 10_000;

/**
 * Logs cache failures at most once per interval, with how many it held back, so a Redis outage
 * under load writes a line every 10 s instead of one per request. Counting is CacheStats' job.
 */
export class CacheErrorLog {
  private lastAt = -Infinity;
  private heldBack = 0;
  private failing = false;

  constructor(
    private readonly logger: CacheLogger,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly intervalMs = CACHE_LOG_INTERVAL_MS,
  ) {}

  failure(message: string): void {
    this.failing = true;
    const now = this.clock.now();
    if (now - this.lastAt < this.intervalMs) {
      this.heldBack++;
      return;
    }
    const more =
      this.heldBack > 0 ? ` (and ${this.heldBack} more failures since the last report)` : '';
    this.logger.warn(`response cache failed, requests are served by the model: ${message}${more}`);
    this.lastAt = now;
    this.heldBack = 0;
  }

  /** Logs `message` once when the cache works again after failures. */
  recovered(message: string): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log(message);
  }
}
