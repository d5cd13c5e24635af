import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { Authenticator } from './authenticator';
import { ClientRateLimit, RATE_LIMIT_WINDOW_MS, rateLimitMessage } from './client-rate-limit';
import { ClientThrottlerGuard, RateLimitGuard } from './client-throttler.guard';

/**
 * Who may call what, and how often: the access guard on every route (the Authenticator, also
 * used by the metrics route, which lives outside Nest's router), and, when RATE_LIMIT_RPS is set,
 * a per-client rate limit (429 with Retry-After, in the error format); ClientRateLimit applies the
 * same limit to gRPC calls.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: RATE_LIMIT_WINDOW_MS, limit: config.rateLimitRps }],
        errorMessage: rateLimitMessage(config.rateLimitRps),
      }),
    }),
  ],
  // Order matters: the access check first, so the rate limiter counts validated clients.
  providers: [
    Authenticator,
    ClientRateLimit,
    { provide: APP_GUARD, useClass: AccessGuard },
    ClientThrottlerGuard,
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [Authenticator, ClientRateLimit],
})
export class AuthModule {}
