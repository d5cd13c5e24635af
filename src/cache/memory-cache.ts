import { LRUCache } from 'lru-cache';
import { Clock } from '../common/clock';
import { CacheKey } from './cache-key';
import { ResponseCache } from './response-cache';

/** What one entry costs beyond its key and value bytes (lru-cache's slots, the Buffer object), roughly. */
const ENTRY_OVERHEAD_BYTES = 200;

/**
 * CACHE_BACKEND=memory: a least-recently-used map bounded by bytes (keys, values and a per-entry
 * overhead), each entry with its own TTL. lru-cache does the bookkeeping: it evicts the least
 * recently used entries to make room, drops expired ones when they are read, and refuses a
 * single value larger than the whole cache.
 */
export class MemoryResponseCache implements ResponseCache {
  readonly backend = 'memory';
  private readonly lru: LRUCache<string, Buffer>;

  /** `clock.now()` in ms drives the TTLs; tests pass a fake one instead of sleeping. */
  constructor(maxBytes: number, clock: Pick<Clock, 'now'>) {
    this.lru = new LRUCache<string, Buffer>({
      maxSize: maxBytes,
      sizeCalculation: (value, key) => value.length + key.length + ENTRY_OVERHEAD_BYTES,
      perf: { now: () => clock.now() },
      // Read the clock on every access instead of caching it for 1 ms behind a real timer.
      ttlResolution: 0,
    });
  }

  get(key: CacheKey): Promise<Buffer | undefined> {
    return Promise.resolve(this.lru.get(id(key)));
  }

  set(key: CacheKey, value: Buffer, ttlSeconds: number): Promise<void> {
    this.lru.set(id(key), value, { ttl: ttlSeconds * 1000 });
    return Promise.resolve();
  }

  bytesHeld(): number {
    return this.lru.calculatedSize;
  }
}

function id(key: CacheKey): string {
  return `${key.model}:${key.version}:${key.hash}`;
}
