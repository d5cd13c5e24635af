import { CacheKey } from './cache-key';
import { MemoryResponseCache } from './memory-cache';

const key = (n: number, model = 'm', version = 1): CacheKey => ({
  model,
  version,
  hash: n.toString(16).padStart(64, '0'),
});

describe('MemoryResponseCache', () => {
  let now: number;
  const clock = { now: () => now };
  beforeEach(() => {
    now = 1000;
  });

  it('returns what was stored, undefined for what was not', async () => {
    const cache = new MemoryResponseCache(1 << 20, clock);
    await cache.set(key(1), Buffer.from('one'), 60);
    expect(await cache.get(key(1))).toEqual(Buffer.from('one'));
    expect(await cache.get(key(2))).toBeUndefined();
    expect(await cache.get(key(1, 'other'))).toBeUndefined();
    expect(await cache.get(key(1, 'm', 2))).toBeUndefined();
  });

  it('forgets an entry once its TTL has passed', async () => {
    const cache = new MemoryResponseCache(1 << 20, clock);
    await cache.set(key(1), Buffer.from('short'), 1);
    await cache.set(key(2), Buffer.from('long'), 10);
    now += 999;
    expect(await cache.get(key(1))).toEqual(Buffer.from('short'));
    now += 2;
    expect(await cache.get(key(1))).toBeUndefined();
    expect(await cache.get(key(2))).toEqual(Buffer.from('long'));
  });

  it('evicts the least recently used entries to stay under its byte cap', async () => {
    const max = 4096;
    const cache = new MemoryResponseCache(max, clock);
    const value = Buffer.alloc(500);
    for (let i = 0; i < 20; i++) {
      await cache.set(key(i), value, 60);
      // Reading entry 0 keeps it recently used: it outlives older neighbours.
      await cache.get(key(0));
      expect(cache.bytesHeld()).toBeLessThanOrEqual(max);
    }
    expect(await cache.get(key(0))).toBe(value);
    expect(await cache.get(key(19))).toBe(value);
    expect(await cache.get(key(1))).toBeUndefined();
    expect(cache.bytesHeld()).toBeGreaterThan(max / 2);
  });

  it('counts keys and values in the bytes it holds, and skips a value larger than the cap', async () => {
    const cache = new MemoryResponseCache(4096, clock);
    expect(cache.bytesHeld()).toBe(0);
    await cache.set(key(1), Buffer.alloc(100), 60);
    const one = cache.bytesHeld();
    expect(one).toBeGreaterThan(100 + 64);
    await cache.set(key(2), Buffer.alloc(5000), 60);
    expect(await cache.get(key(2))).toBeUndefined();
    expect(cache.bytesHeld()).toBe(one);
  });
});
