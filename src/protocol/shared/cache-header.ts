import type { CacheStatus } from '../../cache/response-cache.service';

/**
 * The `X-Cache` header for an answer made of one or more inference results: HIT when every one
 * came from the response cache, MISS when any ran the model, and no header at all when none of
 * them is cache-enabled (a model without response_cache, or CACHE_BACKEND=off).
 */
export function cacheHeader(
  results: readonly { readonly cache?: CacheStatus }[],
): Record<string, string> {
  const statuses = results.map((r) => r.cache).filter((s) => s !== undefined);
  if (statuses.length === 0) return {};
  return { 'X-Cache': statuses.every((s) => s === 'HIT') ? 'HIT' : 'MISS' };
}
