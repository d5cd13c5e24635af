import { Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, SYSTEM_CLOCK } from '../common/clock';
import { APP_CONFIG, AppConfig, CacheSettings } from '../config/app-config';
import { maskUrlCredentials } from '../config/mask-credentials';
import { CACHE_CLOCK, RESPONSE_CACHE } from './cache.tokens';
import { CacheErrorLog } from './cache-error-log';
import { CacheStats } from './cache-stats';
import { MemoryResponseCache } from './memory-cache';
import { NO_CACHE, ResponseCache } from './response-cache';
import { ResponseCacheService } from './response-cache.service';

/**
 * The backend CACHE_BACKEND names. Redis connects in the background: boot never waits for it.
 * ioredis is loaded only when it is the backend (it adds ~20 MiB and ~0.2 s to every start).
 */
async function createResponseCache(
  config: AppConfig,
  log: CacheErrorLog,
  clock: Clock,
): Promise<ResponseCache> {
  const settings = config.cache;
  if (settings.backend === 'memory') return new MemoryResponseCache(settings.maxBytes, clock);
  if (settings.backend !== 'redis') return NO_CACHE;
  const { RedisResponseCache } = await import('./redis-cache');
  return new RedisResponseCache(settings, log, clock);
}

/** One line at start-up saying which backend answers (logged once the app's logger is set). */
function describe(settings: CacheSettings): string {
  if (settings.backend === 'memory') return `memory, up to ${settings.maxBytes} bytes`;
  if (settings.backend === 'redis') return `redis at ${maskUrlCredentials(settings.redisUrl)}`;
  return 'off';
}

/**
 * The response cache: ResponseCacheService for the data plane, CacheStats for whoever reports
 * metrics. Models opt in with response_cache in config.json; CACHE_BACKEND picks the store.
 */
@Module({
  providers: [
    { provide: CACHE_CLOCK, useValue: SYSTEM_CLOCK },
    {
      provide: CacheErrorLog,
      inject: [CACHE_CLOCK],
      useFactory: (clock: Clock) => new CacheErrorLog(new Logger('ResponseCache'), clock),
    },
    {
      provide: RESPONSE_CACHE,
      inject: [APP_CONFIG, CacheErrorLog, CACHE_CLOCK],
      useFactory: createResponseCache,
    },
    CacheStats,
    ResponseCacheService,
  ],
  exports: [ResponseCacheService, CacheStats],
})
export class CacheModule implements OnApplicationBootstrap {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    const logger = new Logger('ResponseCache');
    const line = `response cache: ${describe(this.config.cache)}`;
    // The in-process default is no news at start-up; an outside backend (Redis) is.
    if (this.config.cache.backend === 'redis') logger.log(line);
    else logger.debug(line);
  }
}
