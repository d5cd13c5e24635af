import Redis from 'ioredis';
import { CACHE_MODELS, infer, sequence, simpleBody, xCache } from '../helpers/cache-requests';
import { startRedis, RedisServer } from '../helpers/redis-server';
import { call, Reply, startApp, TestApp } from '../helpers/test-app';

/** The behaviour every backend owes, run against memory and against a real redis-server. */
describe.each(['memory', 'redis'])('response cache, %s backend', (backend) => {
  let app: TestApp;
  let redis: RedisServer | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    redis = backend === 'redis' ? await startRedis() : undefined;
    client = redis && new Redis(redis.url);
    // A generous timeout: these tests are about answers, not about a slow machine's Redis latency.
    const redisEnv: Record<string, string> = redis
      ? { REDIS_URL: redis.url, CACHE_TIMEOUT_MS: '2000' }
      : {};
    app = await startApp({ MODEL_REPOSITORY: CACHE_MODELS, CACHE_BACKEND: backend, ...redisEnv });
  });
  afterAll(async () => {
    await app?.close();
    client?.disconnect();
    await redis?.kill();
  });

  it('answers a repeated request from the cache with the same bytes, id echoed', async () => {
    const first = await infer(app, 'cached', simpleBody(100, { id: 'a' }));
    const second = await infer(app, 'cached', simpleBody(100, { id: 'a' }));
    expect([first.status, xCache(first)]).toEqual([200, 'MISS']);
    expect([second.status, xCache(second)]).toEqual([200, 'HIT']);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('content-type')).toBe('application/json');
    const other = await infer(app, 'cached', simpleBody(100, { id: 'b' }));
    expect(xCache(other)).toBe('HIT');
    expect(other.json()).toEqual({ ...first.json(), id: 'b' });
  });

  it("encodes a cached answer exactly as the model's own, binary outputs included", async () => {
    const params = { parameters: { binary_data_output: true } };
    await infer(app, 'cached', simpleBody(200));
    const hit = await infer(app, 'cached', simpleBody(200, params));
    const fresh = await infer(
      app,
      'cached',
      simpleBody(200, { parameters: { ...params.parameters, cache: false } }),
    );
    expect([xCache(hit), xCache(fresh)]).toEqual(['HIT', 'MISS']);
    expect(hit.headers.get('inference-header-content-length')).toBe(
      fresh.headers.get('inference-header-content-length'),
    );
    expect(hit.text).toBe(fresh.text);
  });

  it('keeps BYTES answers exact', async () => {
    const body = {
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        shape: [1, 16],
        datatype: 'BYTES',
        data: sequence(7).map(String),
      })),
    };
    const first = await infer(app, 'cached_strings', body);
    const second = await infer(app, 'cached_strings', body);
    expect([xCache(first), xCache(second)]).toEqual(['MISS', 'HIT']);
    expect(second.text).toBe(first.text);
  });

  it('never mixes up answers of different inputs', async () => {
    const ks = Array.from({ length: 12 }, (_, i) => 1000 + i * 17);
    for (const round of ['MISS', 'HIT']) {
      const replies = await Promise.all(ks.map((k) => infer(app, 'cached', simpleBody(k))));
      replies.forEach((r, i) => {
        expect(xCache(r)).toBe(round);
        expect(r.json<{ outputs: { data: number[] }[] }>().outputs[0].data).toEqual(
          sequence(ks[i] + 1),
        );
      });
    }
  });

  it('keys on the requested outputs and their parameters', async () => {
    await infer(app, 'cached', simpleBody(300));
    const only1 = { outputs: [{ name: 'OUTPUT1' }] };
    const a = await infer(app, 'cached', simpleBody(300, only1));
    const b = await infer(app, 'cached', simpleBody(300, only1));
    expect([xCache(a), xCache(b)]).toEqual(['MISS', 'HIT']);
    expect(b.json()).toMatchObject({
      outputs: [{ name: 'OUTPUT1', data: new Array(16).fill(299).map((v, i) => v + i) }],
    });
    expect(b.json<{ outputs: unknown[] }>().outputs).toHaveLength(1);
    const withParam = {
      outputs: [{ name: 'OUTPUT1', parameters: { note: 'any parameter changes the key' } }],
    };
    expect(xCache(await infer(app, 'cached', simpleBody(300, withParam)))).toBe('MISS');
  });

  it("never serves one version's answer for another", async () => {
    const body = { inputs: [{ name: 'x', shape: [2], datatype: 'FP32', data: [10, 20] }] };
    const y = (r: Reply): number[] => r.json<{ outputs: { data: number[] }[] }>().outputs[0].data;
    const v1 = await infer(app, 'cached_versioned/versions/1', body);
    const v2 = await infer(app, 'cached_versioned/versions/2', body);
    expect([xCache(v1), y(v1), xCache(v2), y(v2)]).toEqual(['MISS', [11, 21], 'MISS', [12, 22]]);
    const newest = await infer(app, 'cached_versioned', body);
    const again1 = await infer(app, 'cached_versioned/versions/1', body);
    expect([xCache(newest), y(newest), xCache(again1), y(again1)]).toEqual([
      'HIT',
      [12, 22],
      'HIT',
      [11, 21],
    ]);
  });

  it('lets an entry expire after cache_ttl_seconds', async () => {
    expect(xCache(await infer(app, 'short_ttl', simpleBody(400)))).toBe('MISS');
    expect(xCache(await infer(app, 'short_ttl', simpleBody(400)))).toBe('HIT');
    await new Promise((r) => setTimeout(r, 1200));
    expect(xCache(await infer(app, 'short_ttl', simpleBody(400)))).toBe('MISS');
  });

  it('neither reads nor stores a request with "cache": false', async () => {
    const off = simpleBody(500, { parameters: { cache: false } });
    expect(xCache(await infer(app, 'cached', off))).toBe('MISS');
    expect(xCache(await infer(app, 'cached', off))).toBe('MISS');
    expect(xCache(await infer(app, 'cached', simpleBody(500)))).toBe('MISS');
    expect(xCache(await infer(app, 'cached', simpleBody(500)))).toBe('HIT');
    expect(xCache(await infer(app, 'cached', off))).toBe('MISS');
  });

  it('never caches a model without response_cache, and sends it no X-Cache header', async () => {
    const replies = [
      await infer(app, 'uncached', simpleBody(600)),
      await infer(app, 'uncached', simpleBody(600)),
    ];
    expect(replies.map((r) => [r.status, xCache(r)])).toEqual([
      [200, null],
      [200, null],
    ]);
    if (client) expect(await client.keys('perch:uncached:*')).toEqual([]);
  });

  it('adds X-Cache to V1 answers, shared with V2 for the same tensors', async () => {
    const body = { instances: [{ INPUT0: sequence(700), INPUT1: new Array(16).fill(1) }] };
    const first = await call(app, 'POST', '/v1/models/cached:predict', body);
    const second = await call(app, 'POST', '/v1/models/cached:predict', body);
    expect([xCache(first), xCache(second)]).toEqual(['MISS', 'HIT']);
    expect(second.text).toBe(first.text);
    expect(xCache(await infer(app, 'cached', simpleBody(700)))).toBe('HIT');
  });

  it('does not touch errors', async () => {
    const bad = await infer(app, 'cached', { inputs: [] });
    expect([bad.status, xCache(bad)]).toEqual([400, null]);
  });
});

describe('response cache limits', () => {
  it('evicts the least recently used answers under CACHE_MAX_BYTES', async () => {
    // About 480 bytes an entry (key, 206-byte value, overhead): 2 KiB holds four.
    const app = await startApp({ MODEL_REPOSITORY: CACHE_MODELS, CACHE_MAX_BYTES: '2048' });
    try {
      for (let k = 0; k < 10; k++) await infer(app, 'cached', simpleBody(k));
      expect(xCache(await infer(app, 'cached', simpleBody(9)))).toBe('HIT');
      expect(xCache(await infer(app, 'cached', simpleBody(8)))).toBe('HIT');
      const oldest = await infer(app, 'cached', simpleBody(0));
      expect([oldest.status, xCache(oldest)]).toEqual([200, 'MISS']);
    } finally {
      await app.close();
    }
  });

  it('sends no X-Cache header and caches nothing with CACHE_BACKEND=off', async () => {
    const app = await startApp({ MODEL_REPOSITORY: CACHE_MODELS, CACHE_BACKEND: 'off' });
    try {
      for (let i = 0; i < 2; i++) {
        const r = await infer(app, 'cached', simpleBody(1));
        expect([r.status, xCache(r)]).toEqual([200, null]);
      }
    } finally {
      await app.close();
    }
  });
});
