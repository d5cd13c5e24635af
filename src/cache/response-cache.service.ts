import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Tensor } from '../common/tensor/tensor';
import { ServedVersion } from '../registry/model-state';
import { CACHE_CLOCK, RESPONSE_CACHE } from './cache.tokens';
import { CacheErrorLog } from './cache-error-log';
import { CacheKey, cacheKey, CacheKeyOutput } from './cache-key';
import { bypassReason } from './cache-policy';
import { CacheStats } from './cache-stats';
import {
  CorruptEntryError,
  decodeCachedTensors,
  encodeCachedTensors,
} from './cached-tensors.codec';
import { ResponseCache } from './response-cache';

/** The X-Cache header's value: HIT when answered from the cache, MISS whenever the model ran. */
export type CacheStatus = 'HIT' | 'MISS';

/** The parts of an inference request the cache reads; the data plane's InferRequest has them. */
export interface CacheableRequest {
  readonly inputs: readonly Tensor[];
  readonly outputs?: readonly CacheKeyOutput[];
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** What the data plane learns before running a model, and how it hands back the model's answer. */
export interface CacheLookup {
  /** For the X-Cache header; undefined when the model has no response_cache or the cache is off. */
  readonly status: CacheStatus | undefined;
  /** Set on a HIT: the answer's outputs, in the order asked for, owned by the caller. */
  readonly outputs?: Tensor[];
  /** After the model ran: stores its outputs for the next identical request. Never throws, never waits. */
  store(outputs: readonly Tensor[]): void;
}

const NOT_CACHED: CacheLookup = { status: undefined, store: () => undefined };
const BYPASSED: CacheLookup = { status: 'MISS', store: () => undefined };

/**
 * The response cache as the data plane sees it: whole-request answers of models whose config.json
 * enables response_cache, keyed by cache-key.ts. Whatever the backend does (fail, stall, return
 * garbage), a lookup resolves and the request is served: by the cache, or by the model.
 */
@Injectable()
export class ResponseCacheService {
  constructor(
    @Inject(RESPONSE_CACHE) private readonly cache: ResponseCache,
    private readonly stats: CacheStats,
    private readonly log: CacheErrorLog,
    @Inject(CACHE_CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Call after validation and before `session.run()`, which takes ownership of (detaches) the
   * input buffers the key is computed from. `outputNames` are the outputs the model will return.
   */
  async lookup(
    served: ServedVersion,
    request: CacheableRequest,
    outputNames: readonly string[],
  ): Promise<CacheLookup> {
    const ttlSeconds = served.config.responseCache?.ttlSeconds;
    if (ttlSeconds === undefined || this.cache.backend === 'off') return NOT_CACHED;
    const { name: model, version } = served;
    if (bypassReason(request.parameters) !== undefined) {
      this.stats.count('bypasses', model, version);
      return BYPASSED;
    }
    const params = new Map(request.outputs?.map((o) => [o.name, o.parameters]));
    const key = cacheKey({
      model,
      version,
      fingerprint: served.fingerprint,
      inputs: request.inputs,
      outputs: outputNames.map((name) => ({ name, parameters: params.get(name) ?? {} })),
    });
    const started = this.clock.now();
    let value: Buffer | undefined;
    try {
      value = await this.cache.get(key);
    } catch (e) {
      // The backend is down or slow: skip it both ways, a store would most likely fail too.
      this.failed(key, e);
      this.stats.count('bypasses', model, version);
      return BYPASSED;
    } finally {
      this.stats.observeLookup((this.clock.now() - started) / 1000);
    }
    const outputs = value && this.decode(key, value, outputNames);
    if (outputs) {
      this.stats.count('hits', model, version);
      return { status: 'HIT', outputs, store: () => undefined };
    }
    this.stats.count('misses', model, version);
    return { status: 'MISS', store: (o) => this.store(key, o, ttlSeconds) };
  }

  /** The stored outputs, or undefined (counted as an error) when the value is unreadable or not what was asked. */
  private decode(
    key: CacheKey,
    value: Buffer,
    outputNames: readonly string[],
  ): Tensor[] | undefined {
    try {
      const outputs = decodeCachedTensors(value);
      if (
        outputs.length !== outputNames.length ||
        outputs.some((t, i) => t.name !== outputNames[i])
      )
        throw new CorruptEntryError('the entry holds other outputs than the request asks for');
      return outputs;
    } catch (e) {
      this.failed(key, e);
      return undefined;
    }
  }

  private store(key: CacheKey, outputs: readonly Tensor[], ttlSeconds: number): void {
    let value: Buffer;
    try {
      value = encodeCachedTensors(outputs);
    } catch (e) {
      return this.failed(key, e);
    }
    this.cache.set(key, value, ttlSeconds).catch((e: unknown) => this.failed(key, e));
  }

  private failed(key: CacheKey, e: unknown): void {
    this.stats.count('errors', key.model, key.version);
    this.log.failure(`model '${key.model}' version ${key.version}: ${(e as Error).message}`);
  }
}
