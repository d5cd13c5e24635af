import { CacheKey } from './cache-key';

export type CacheBackend = 'memory' | 'redis' | 'off';

/**
 * A store of encoded answers (cached-tensors.codec) by key; the backends are memory-cache.ts
 * and redis-cache.ts, injected by the RESPONSE_CACHE token. Backends may fail: callers treat
 * every rejection as "no cache this time" and serve the request from the model.
 */
export interface ResponseCache {
  readonly backend: CacheBackend;
  /** The stored value, or undefined when there is none (or it expired). Rejects if the backend fails or is too slow. */
  get(key: CacheKey): Promise<Buffer | undefined>;
  /** Stores `value` for `ttlSeconds`; the cache then owns the Buffer. May skip values it cannot hold. */
  set(key: CacheKey, value: Buffer, ttlSeconds: number): Promise<void>;
  /** Bytes this process holds for the cache; undefined when another process holds them (Redis). */
  bytesHeld(): number | undefined;
}

/** CACHE_BACKEND=off: nothing is ever looked up or stored. */
export const NO_CACHE: ResponseCache = {
  backend: 'off',
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
  bytesHeld: () => 0,
};
