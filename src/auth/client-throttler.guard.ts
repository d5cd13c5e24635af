import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { presentedKey } from './api-keys';

/**
 * RATE_LIMIT_RPS per client: keyed by the API key when one is presented (hashed, so keys never sit
 * in memory as plain text), else by the client address. Probes are exempt (@SkipThrottle).
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const key = presentedKey((req.headers ?? {}) as Record<string, unknown>);
    if (key) return `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
    return `ip:${String(req.ip ?? (req.socket as { remoteAddress?: string } | undefined)?.remoteAddress ?? 'unknown')}`;
  }
}
