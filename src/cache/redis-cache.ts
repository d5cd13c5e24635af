import { OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { CacheSettings } from '../config/app-config';
import { Clock } from '../common/clock';
import { CacheKey } from './cache-key';
import { CacheErrorLog } from './cache-error-log';
import { ResponseCache } from './response-cache';

/** Commands awaiting Redis' reply at once; past this the request bypasses instead of queueing more. */
const MAX_PENDING_COMMANDS = 1000;
/** A connection whose replies stop for this long is dropped and made again (ioredis socketTimeout). */
const MIN_SOCKET_TIMEOUT_MS = 1000;
/** Reconnection attempts back off linearly to this, forever: Redis may come back any time. */
const MAX_RECONNECT_DELAY_MS = 1000;

/** The Redis key of an entry: namespaced, model and version readable, e.g. `perch:iris:1:<sha256>`. */
export function redisKey(key: CacheKey): string {
  return `perch:${key.model}:${key.version}:${key.hash}`;
}

/**
 * CACHE_BACKEND=redis: entries in a Redis shared by every Perch process, SET with EX (the
 * model's TTL), values in the compact binary form. Never makes a request wait on an unhealthy
 * Redis: while disconnected every command fails at once (no offline queue), a connected but
 * slow one is abandoned after CACHE_TIMEOUT_MS, at most MAX_PENDING_COMMANDS await replies, and
 * ioredis reconnects in the background until Redis answers again.
 */
export class RedisResponseCache implements ResponseCache, OnApplicationShutdown {
  readonly backend = 'redis';
  private readonly client: Redis;
  private pending = 0;

  constructor(
    private readonly settings: CacheSettings,
    private readonly log: CacheErrorLog,
    private readonly clock: Clock,
  ) {
    this.client = new Redis(settings.redisUrl, {
      enableOfflineQueue: false,
      // A command caught by a dropped connection fails now, not after a reconnect, and is not resent.
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      socketTimeout: Math.max(MIN_SOCKET_TIMEOUT_MS, 10 * settings.timeoutMs),
      connectTimeout: Math.max(MIN_SOCKET_TIMEOUT_MS, 10 * settings.timeoutMs),
      retryStrategy: (attempt) => Math.min(100 * attempt, MAX_RECONNECT_DELAY_MS),
    });
    // Without a listener an 'error' event would crash the process; connection trouble is only logged.
    this.client.on('error', (e: Error) => this.log.failure(`redis: ${e.message}`));
    this.client.on('ready', () => this.log.recovered('response cache: redis is reachable again'));
  }

  async get(key: CacheKey): Promise<Buffer | undefined> {
    const value = await this.command('GET', () => this.client.getBuffer(redisKey(key)), true);
    return value ?? undefined;
  }

  async set(key: CacheKey, value: Buffer, ttlSeconds: number): Promise<void> {
    // CACHE_MAX_BYTES bounds one value here; Redis' own maxmemory policy bounds the total.
    if (value.length > this.settings.maxBytes) return;
    // Not timed: no request waits for a store; the pending bound and the socket timeout cover a stall.
    await this.command('SET', () => this.client.set(redisKey(key), value, 'EX', ttlSeconds), false);
  }

  bytesHeld(): undefined {
    return undefined;
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }

  /**
   * Runs one command, rejecting when Redis is not ready, too many commands already wait, or (when
   * `timed`) no reply comes within CACHE_TIMEOUT_MS. The timeout is ours, not ioredis'
   * commandTimeout, so `pending` counts commands until Redis really answers them (or the socket
   * timeout drops them).
   */
  private command<T>(name: string, run: () => Promise<T>, timed: boolean): Promise<T> {
    if (this.client.status !== 'ready')
      return Promise.reject(new Error(`redis ${name}: connection is ${this.client.status}`));
    if (this.pending >= MAX_PENDING_COMMANDS)
      return Promise.reject(new Error(`redis ${name}: ${this.pending} commands await replies`));
    this.pending++;
    const reply = run().finally(() => this.pending--);
    if (!timed) return reply;
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimer(
        () => reject(new Error(`redis ${name}: no reply in ${this.settings.timeoutMs} ms`)),
        this.settings.timeoutMs,
      );
      reply.then(
        (v) => {
          this.clock.clearTimer(timer);
          resolve(v);
        },
        (e: unknown) => {
          this.clock.clearTimer(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }
}
