import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitedError } from '../common/errors/serving.errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** The window RATE_LIMIT_RPS counts in, in ms (auth.module.ts gives the throttler the same). */
export const RATE_LIMIT_WINDOW_MS = 1000;

/** The message of every rate-limited answer, REST and gRPC alike. */
export function rateLimitMessage(rps: number): string {
  return `rate limit exceeded: at most ${rps} requests per second per client (RATE_LIMIT_RPS)`;
}

/**
 * RATE_LIMIT_RPS for callers that do not pass through Nest's router (gRPC), counted in the same
 * throttler storage the REST guard (ClientThrottlerGuard) uses, with the same window and limit,
 * per operation and client as the guard counts per route and client. The client is what the
 * Authenticator returned: the validated API key, else the peer address.
 */
@Injectable()
export class ClientRateLimit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
  ) {}

  /** Counts one call of `operation` by `client` (`key:<i>` or `ip:<address>`); throws RateLimitedError past the limit. */
  async consume(operation: string, client: string): Promise<void> {
    const limit = this.config.rateLimitRps;
    if (limit === 0) return;
    const record = await this.storage.increment(
      `${operation}|${client}`,
      RATE_LIMIT_WINDOW_MS,
      limit,
      RATE_LIMIT_WINDOW_MS,
      'default',
    );
    if (record.isBlocked)
      throw new RateLimitedError(rateLimitMessage(limit), Math.max(1, record.timeToBlockExpire));
  }
}
