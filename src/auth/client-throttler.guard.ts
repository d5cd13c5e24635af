import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { IncomingMessage } from 'node:http';
import { nodeRequest } from '../common/node-request';
import { rateLimitClient } from './authenticator';

/**
 * RATE_LIMIT_RPS per client: keyed by the API key the AccessGuard validated (never by a key that
 * was merely presented: random keys would each get a bucket of their own), else by the client
 * address. Runs after the AccessGuard (auth.module.ts lists it second). Probes are exempt
 * (@SkipThrottle).
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    return Promise.resolve(
      rateLimitClient(nodeRequest(req as unknown as IncomingMessage | { raw: IncomingMessage })),
    );
  }
}
