import { Inject, Injectable } from '@nestjs/common';
import { RESPONSE_CACHE } from './cache.tokens';
import { CacheBackend, ResponseCache } from './response-cache';

/** Outcomes of cache-enabled requests. Each request is exactly one of hit, miss or bypass. */
export interface CacheCounters {
  /** Answered from the cache, without running the model. */
  readonly hits: number;
  /** Looked up, not found: the model ran and its answer was stored. */
  readonly misses: number;
  /** Not looked up or not usable: `cache: false` or sequence parameters, or the backend failed. */
  readonly bypasses: number;
  /** Backend failures (unreachable, too slow, a corrupt entry), on lookups and on stores. */
  readonly errors: number;
}

export interface ModelCacheCounters extends CacheCounters {
  readonly model: string;
  readonly version: number;
}

/** Upper bounds (seconds) of the lookup latency buckets, Prometheus style (cumulative, then +Inf). */
export const LOOKUP_BUCKETS_SECONDS: readonly number[] = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
];

export interface CacheStatsSnapshot {
  readonly backend: CacheBackend;
  readonly totals: CacheCounters;
  /** One row per model version that has had a cache-enabled request. */
  readonly models: readonly ModelCacheCounters[];
  /** Bytes the memory backend holds; undefined for Redis, which holds them itself. */
  readonly bytesHeld: number | undefined;
  /** Lookups (get + decode, hits and misses alike): count, total seconds, cumulative buckets. */
  readonly lookupSeconds: {
    readonly count: number;
    readonly sum: number;
    readonly buckets: readonly { readonly le: number; readonly count: number }[];
  };
}

/** The name of one counter of CacheCounters. */
export type CacheCounter = keyof CacheCounters;

/**
 * The response cache's counters, kept here until Perch has a metrics module: a prom-client
 * collector can read `snapshot()` at scrape time (counters only grow; buckets are cumulative),
 * and Triton's statistics extension `forModel()` for cache_hit / cache_miss.
 */
@Injectable()
export class CacheStats {
  private readonly models = new Map<
    string,
    Record<CacheCounter, number> & { model: string; version: number }
  >();
  private readonly buckets = new Array<number>(LOOKUP_BUCKETS_SECONDS.length).fill(0);
  private lookups = 0;
  private lookupSum = 0;

  constructor(@Inject(RESPONSE_CACHE) private readonly cache: ResponseCache) {}

  count(counter: CacheCounter, model: string, version: number): void {
    const key = `${model}:${version}`;
    let row = this.models.get(key);
    if (!row) {
      row = { model, version, hits: 0, misses: 0, bypasses: 0, errors: 0 };
      this.models.set(key, row);
    }
    row[counter]++;
  }

  observeLookup(seconds: number): void {
    this.lookups++;
    this.lookupSum += seconds;
    const i = LOOKUP_BUCKETS_SECONDS.findIndex((le) => seconds <= le);
    if (i >= 0) this.buckets[i]++;
  }

  /** One model version's counters (zeros before its first cache-enabled request). */
  forModel(model: string, version: number): CacheCounters {
    const row = this.models.get(`${model}:${version}`);
    return { hits: 0, misses: 0, bypasses: 0, errors: 0, ...(row && pick(row)) };
  }

  snapshot(): CacheStatsSnapshot {
    const models = [...this.models.values()].map((r) => ({
      model: r.model,
      version: r.version,
      ...pick(r),
    }));
    const totals = models.reduce(
      (t, r) => ({
        hits: t.hits + r.hits,
        misses: t.misses + r.misses,
        bypasses: t.bypasses + r.bypasses,
        errors: t.errors + r.errors,
      }),
      { hits: 0, misses: 0, bypasses: 0, errors: 0 },
    );
    let cumulative = 0;
    const buckets = LOOKUP_BUCKETS_SECONDS.map((le, i) => ({
      le,
      count: (cumulative += this.buckets[i]),
    }));
    return {
      backend: this.cache.backend,
      totals,
      models,
      bytesHeld: this.cache.bytesHeld(),
      lookupSeconds: {
        count: this.lookups,
        sum: this.lookupSum,
        buckets: [...buckets, { le: Infinity, count: this.lookups }],
      },
    };
  }
}

function pick(r: Record<CacheCounter, number>): CacheCounters {
  return { hits: r.hits, misses: r.misses, bypasses: r.bypasses, errors: r.errors };
}
