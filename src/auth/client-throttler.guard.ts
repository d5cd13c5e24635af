import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { IncomingMessage } from 'node:http';
import { nodeRequest } from '../common/node-request';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { rateLimitClient } from './authenticator';

/**
 * RATE_LIMIT_RPS per client: keyed by the API key the AccessGuard validated (never by a key that
 * was merely presented: random keys would each get a bucket of their own), else by the client
 * address. Probes are exempt (@SkipThrottle).
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    return Promise.resolve(
      rateLimitClient(nodeRequest(req as unknown as IncomingMessage | { raw: IncomingMessage })),
    );
  }
}

/**
 * The global rate-limit guard, after the AccessGuard (auth.module.ts lists it second): the
 * throttler when RATE_LIMIT_RPS is set; otherwise it answers at once, without the throttler's
 * per-request async work (the default, paid by every request).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly throttler: ClientThrottlerGuard,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    return this.config.rateLimitRps === 0 || this.throttler.canActivate(context);
  }
}
