import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { Authenticator } from './authenticator';
import { ClientThrottlerGuard, RateLimitGuard } from './client-throttler.guard';

/**
 * Who may call what, and how often: the access guard on every route (the Authenticator, also
 * used by the metrics route, which lives outside Nest's router), and, when RATE_LIMIT_RPS is set,
 * a per-client rate limit (429 with Retry-After, in the error format).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: 1000, limit: config.rateLimitRps }],
        errorMessage: `rate limit exceeded: at most ${config.rateLimitRps} requests per second per client (RATE_LIMIT_RPS)`,
      }),
    }),
  ],
  // Order matters: the access check first, so the rate limiter counts validated clients.
  providers: [
    Authenticator,
    { provide: APP_GUARD, useClass: AccessGuard },
    ClientThrottlerGuard,
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [Authenticator],
})
export class AuthModule {}
