import Redis from 'ioredis';
import { SYSTEM_CLOCK } from '../../src/common/clock';
import { CacheErrorLog } from '../../src/cache/cache-error-log';
import { CacheKey } from '../../src/cache/cache-key';
import { RedisResponseCache } from '../../src/cache/redis-cache';
import { CACHE_MODELS, infer, sequence, simpleBody, xCache } from '../helpers/cache-requests';
import { RedisServer, startRedis } from '../helpers/redis-server';
import { Reply, startApp, TestApp } from '../helpers/test-app';

/** Sends the same request until it is a HIT (a slow machine may time a lookup out), at most `ms`. */
async function untilHit(app: TestApp, k: number, ms = 10_000): Promise<Reply> {
  const deadline = Date.now() + ms;
  for (;;) {
    const reply = await infer(app, 'cached', simpleBody(k));
    expect(reply.status).toBe(200);
    if (xCache(reply) === 'HIT' || Date.now() > deadline) return reply;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Redis outages, stalls and the stored form, against a real redis-server the test starts and kills. */
describe('response cache on Redis', () => {
  let redis: RedisServer;
  let app: TestApp;
  let startedAt: number;
  beforeAll(async () => {
    startedAt = Date.now();
    redis = await startRedis();
    // The default CACHE_TIMEOUT_MS (20): what production runs with.
    app = await startApp({
      MODEL_REPOSITORY: CACHE_MODELS,
      CACHE_BACKEND: 'redis',
      REDIS_URL: redis.url,
    });
  });
  afterAll(async () => {
    await app?.close();
    await redis?.kill();
  });

  it('stores compact binary values under perch:<model>:<version>:<sha256> with the model TTL', async () => {
    const client = new Redis(redis.url);
    try {
      const reply = await infer(app, 'cached', simpleBody(1));
      expect((await untilHit(app, 1)).text).toBe(reply.text);
      const keys = await client.keys('perch:*');
      expect(keys).toEqual([expect.stringMatching(/^perch:cached:1:[0-9a-f]{64}$/)]);
      const ttl = await client.ttl(keys[0]);
      expect(ttl).toBeGreaterThan(290);
      expect(ttl).toBeLessThanOrEqual(300);
      const value = await client.getBuffer(keys[0]);
      expect(value?.subarray(0, 4).toString()).toBe('PRC1');
      // Two INT32 [1,16] outputs: 128 bytes of data, and a little header; the JSON answer is larger.
      expect(value?.length).toBeLessThan(reply.text.length);
    } finally {
      client.disconnect();
    }
  });

  it('keeps answering while Redis is down (MISS), and caches again once it is back', async () => {
    await untilHit(app, 2);
    await redis.kill();
    try {
      for (let k = 0; k < 20; k++) {
        const reply = await infer(app, 'cached', simpleBody(2));
        expect([reply.status, xCache(reply)]).toEqual([200, 'MISS']);
        const outputs = reply.json<{ outputs: { data: number[] }[] }>().outputs;
        expect(outputs[0].data).toEqual(sequence(3));
      }
    } finally {
      await redis.restart();
    }
    // A fresh Redis is empty: a MISS stores the answer, then it is a HIT.
    expect(xCache(await untilHit(app, 2))).toBe('HIT');
  });

  it('serves requests quickly while Redis is stalled, and recovers after', async () => {
    await untilHit(app, 3);
    redis.pause();
    try {
      const started = Date.now();
      const replies = await Promise.all(
        Array.from({ length: 10 }, () => infer(app, 'cached', simpleBody(3))),
      );
      expect(replies.map((r) => [r.status, xCache(r)])).toEqual(new Array(10).fill([200, 'MISS']));
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      redis.resume();
    }
    expect(xCache(await untilHit(app, 3))).toBe('HIT');
  });

  it('logs Redis failures at most once per 10 s interval', () => {
    // Above: 20 requests while down and 10 while stalled, each a failure.
    const warnings = app.output().match(/response cache failed/g) ?? [];
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThanOrEqual(1 + Math.floor((Date.now() - startedAt) / 10_000));
  });
});

describe('response cache with Redis unreachable from the start', () => {
  it('boots, serves every request from the model, and logs once per interval', async () => {
    const startedAt = Date.now();
    const redis = await startRedis();
    await redis.kill();
    const app = await startApp({
      MODEL_REPOSITORY: CACHE_MODELS,
      CACHE_BACKEND: 'redis',
      REDIS_URL: redis.url,
    });
    try {
      for (let i = 0; i < 20; i++) {
        const reply = await infer(app, 'cached', simpleBody(4));
        expect([reply.status, xCache(reply)]).toEqual([200, 'MISS']);
      }
      const warnings = app.output().match(/response cache failed/g) ?? [];
      expect(warnings.length).toBeGreaterThanOrEqual(1);
      expect(warnings.length).toBeLessThanOrEqual(
        1 + Math.floor((Date.now() - startedAt) / 10_000),
      );
    } finally {
      await app.close();
    }
  });
});

/** Waits (at most 2 s) until the cache's lookups resolve instead of failing fast. */
async function answering(cache: RedisResponseCache, key: CacheKey): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (
      await cache.get(key).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('redis never answered');
}

describe('RedisResponseCache against a stalled redis-server', () => {
  it('times lookups out, bounds the commands awaiting replies, and drains them on resume', async () => {
    const redis = await startRedis();
    const quiet = new CacheErrorLog({ warn: () => undefined, log: () => undefined }, SYSTEM_CLOCK);
    const settings = {
      backend: 'redis',
      maxBytes: 1 << 20,
      redisUrl: redis.url,
      timeoutMs: 20,
    } as const;
    const cache = new RedisResponseCache(settings, quiet, SYSTEM_CLOCK);
    const key = { model: 'm', version: 1, hash: 'a'.repeat(64) };
    try {
      await answering(cache, key);
      await cache.set(key, Buffer.from('v'), 60);
      expect(await cache.get(key)).toEqual(Buffer.from('v'));
      redis.pause();
      const stalled = Array.from({ length: 1000 }, () =>
        cache.get(key).catch((e: Error) => e.message),
      );
      await expect(cache.get(key)).rejects.toThrow('redis GET: 1000 commands await replies');
      const messages = await Promise.all(stalled);
      expect(new Set(messages)).toEqual(new Set(['redis GET: no reply in 20 ms']));
      redis.resume();
      await answering(cache, key);
      expect(await cache.get(key)).toEqual(Buffer.from('v'));
    } finally {
      redis.resume();
      cache.onApplicationShutdown();
      await redis.kill();
    }
  });
});
