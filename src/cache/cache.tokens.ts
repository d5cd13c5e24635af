/** Injection token of the ResponseCache backend chosen by CACHE_BACKEND. */
export const RESPONSE_CACHE = Symbol('RESPONSE_CACHE');

/** Injection token of the Clock the cache times lookups and rate-limits its log with. */
export const CACHE_CLOCK = Symbol('CACHE_CLOCK');
