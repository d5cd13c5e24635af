import { Clock } from '../common/clock';
import { Tensor } from '../common/tensor/tensor';
import { parseModelConfig } from '../registry/model-config.parser';
import { ServedVersion } from '../registry/model-state';
import { CacheErrorLog } from './cache-error-log';
import { CacheKey, cacheKey } from './cache-key';
import { CacheStats } from './cache-stats';
import { encodeCachedTensors } from './cached-tensors.codec';
import { MemoryResponseCache } from './memory-cache';
import { CacheBackend, ResponseCache } from './response-cache';
import { CacheableRequest, ResponseCacheService } from './response-cache.service';

/** A backend whose get/set each test can make fail; everything else goes to a real memory cache. */
class TestBackend implements ResponseCache {
  readonly memory: MemoryResponseCache;
  getError?: Error;
  setError?: Error;
  sets = 0;
  gets = 0;

  constructor(
    readonly backend: CacheBackend,
    clock: Clock,
  ) {
    this.memory = new MemoryResponseCache(1 << 20, clock);
  }

  get(key: CacheKey): Promise<Buffer | undefined> {
    this.gets++;
    return this.getError ? Promise.reject(this.getError) : this.memory.get(key);
  }

  set(key: CacheKey, value: Buffer, ttlSeconds: number): Promise<void> {
    this.sets++;
    return this.setError ? Promise.reject(this.setError) : this.memory.set(key, value, ttlSeconds);
  }

  bytesHeld(): number {
    return this.memory.bytesHeld();
  }
}

const served = (configJson: string, version = 1): ServedVersion => ({
  name: 'm',
  version,
  fingerprint: 'f',
  labels: {},
  config: parseModelConfig('m', configJson),
  signature: { maxBatchSize: 0, inputs: [], outputs: [] },
  session: {
    inputs: [],
    outputs: [],
    run: () => Promise.reject(new Error('the cache never runs models')),
    dispose: () => Promise.resolve(),
  },
});
const CACHED = served('{"response_cache": {"enable": true}}');

const request = (x: number, parameters?: Record<string, unknown>): CacheableRequest => ({
  inputs: [{ name: 'x', datatype: 'FP32', shape: [1], data: new Float32Array([x]) }],
  parameters,
});
const answer = (y: number): Tensor[] => [
  { name: 'y', datatype: 'FP32', shape: [1], data: new Float32Array([y]) },
];

describe('ResponseCacheService', () => {
  let now: number;
  let clock: Clock;
  let backend: TestBackend;
  let stats: CacheStats;
  let warnings: string[];
  let cache: ResponseCacheService;

  const setUp = (kind: CacheBackend): void => {
    now = 0;
    clock = { now: () => now, setTimer: () => 0, clearTimer: () => undefined };
    backend = new TestBackend(kind, clock);
    stats = new CacheStats(backend);
    warnings = [];
    const log = new CacheErrorLog({ warn: (m) => warnings.push(m), log: () => undefined }, clock);
    cache = new ResponseCacheService(backend, stats, log, clock);
  };
  beforeEach(() => setUp('memory'));

  it('misses, stores the answer, then hits with an equal answer of its own', async () => {
    const first = await cache.lookup(CACHED, request(1), ['y']);
    expect(first.status).toBe('MISS');
    expect(first.outputs).toBeUndefined();
    const outputs = answer(2);
    first.store(outputs);
    (outputs[0].data as Float32Array)[0] = 99;
    const second = await cache.lookup(CACHED, request(1), ['y']);
    expect(second.status).toBe('HIT');
    expect(second.outputs).toEqual(answer(2));
    expect(stats.forModel('m', 1)).toEqual({ hits: 1, misses: 1, bypasses: 0, errors: 0 });
  });

  it('keeps versions apart', async () => {
    (await cache.lookup(CACHED, request(1), ['y'])).store(answer(2));
    const v2 = served('{"response_cache": {"enable": true}}', 2);
    expect((await cache.lookup(v2, request(1), ['y'])).status).toBe('MISS');
  });

  it('does nothing for a model without response_cache: no status, no lookup', async () => {
    const lookup = await cache.lookup(served('{}'), request(1), ['y']);
    lookup.store(answer(2));
    expect(lookup.status).toBeUndefined();
    expect([backend.gets, backend.sets]).toEqual([0, 0]);
    expect(stats.snapshot().models).toEqual([]);
  });

  it('does nothing with CACHE_BACKEND=off', async () => {
    setUp('off');
    const lookup = await cache.lookup(CACHED, request(1), ['y']);
    expect(lookup.status).toBeUndefined();
    expect(backend.gets).toBe(0);
  });

  it.each([{ cache: false }, { sequence_id: 3 }])(
    'bypasses a request with %j: MISS, neither read nor stored',
    async (parameters) => {
      (await cache.lookup(CACHED, request(1), ['y'])).store(answer(2));
      const lookup = await cache.lookup(CACHED, request(1, parameters), ['y']);
      lookup.store(answer(3));
      expect(lookup.status).toBe('MISS');
      expect(lookup.outputs).toBeUndefined();
      expect([backend.gets, backend.sets]).toEqual([1, 1]);
      expect(stats.forModel('m', 1)).toMatchObject({ misses: 1, bypasses: 1 });
    },
  );

  it('serves from the model when the backend fails: MISS, no store, counted and logged', async () => {
    backend.getError = new Error('connection is reconnecting');
    const lookup = await cache.lookup(CACHED, request(1), ['y']);
    lookup.store(answer(2));
    expect(lookup.status).toBe('MISS');
    expect(backend.sets).toBe(0);
    expect(stats.forModel('m', 1)).toEqual({ hits: 0, misses: 0, bypasses: 1, errors: 1 });
    expect(warnings).toEqual([
      "response cache failed, requests are served by the model: model 'm' version 1: connection is reconnecting",
    ]);
  });

  it('counts a failed store without throwing', async () => {
    backend.setError = new Error('READONLY');
    (await cache.lookup(CACHED, request(1), ['y'])).store(answer(2));
    await new Promise((r) => setImmediate(r));
    expect(stats.forModel('m', 1)).toMatchObject({ misses: 1, errors: 1 });
  });

  it.each([
    ['garbage', Buffer.from('not an entry')],
    ['an entry for other outputs', encodeCachedTensors([{ ...answer(2)[0], name: 'z' }])],
  ])('treats %s as a miss it may overwrite', async (_case, value) => {
    const first = await cache.lookup(CACHED, request(1), ['y']);
    first.store(answer(2));
    const key = cacheKey({
      model: 'm',
      version: 1,
      fingerprint: 'f',
      inputs: request(1).inputs,
      outputs: [{ name: 'y', parameters: {} }],
    });
    await backend.memory.set(key, value, 60);
    const second = await cache.lookup(CACHED, request(1), ['y']);
    expect(second.status).toBe('MISS');
    second.store(answer(2));
    expect((await cache.lookup(CACHED, request(1), ['y'])).status).toBe('HIT');
    expect(stats.forModel('m', 1)).toEqual({ hits: 1, misses: 2, bypasses: 0, errors: 1 });
  });

  it('reports totals, bytes held and lookup latency', async () => {
    const lookup = await cache.lookup(CACHED, request(1), ['y']);
    lookup.store(answer(2));
    backend.get = async (key) => {
      now += 3; // a 3 ms lookup
      return backend.memory.get(key);
    };
    await cache.lookup(CACHED, request(1), ['y']);
    const snapshot = stats.snapshot();
    expect(snapshot).toMatchObject({
      backend: 'memory',
      totals: { hits: 1, misses: 1, bypasses: 0, errors: 0 },
      models: [{ model: 'm', version: 1, hits: 1, misses: 1 }],
      bytesHeld: backend.bytesHeld(),
      lookupSeconds: { count: 2, sum: 0.003 },
    });
    const buckets = snapshot.lookupSeconds.buckets;
    expect(buckets.find((b) => b.le === 0.0001)?.count).toBe(1);
    expect(buckets.find((b) => b.le === 0.005)?.count).toBe(2);
    expect(buckets.at(-1)).toEqual({ le: Infinity, count: 2 });
  });
});
