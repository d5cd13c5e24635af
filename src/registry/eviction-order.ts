import { ResidentTotals } from './residency-policy';

/** One resident (READY, loaded) version as eviction sees it. */
export interface ResidentVersion {
  readonly model: string;
  readonly version: number;
  readonly bytes: number;
  /** Requests holding it now: a version in use is never evicted. */
  readonly inFlight: number;
  /** Larger is more recent (VersionHandle.lastUsed). */
  readonly lastUsed: number;
  readonly pinned: boolean;
}

/**
 * The versions to evict so that the rest fit `isOver`: idle, unpinned ones, least recently used
 * first. Returns fewer than needed (possibly none) when too few are idle; the caller tries again
 * once requests end. Pure.
 */
export function evictionOrder<V extends ResidentVersion>(
  resident: readonly V[],
  isOver: (totals: ResidentTotals) => boolean,
): V[] {
  let totals: ResidentTotals = {
    count: resident.length,
    bytes: resident.reduce((sum, v) => sum + v.bytes, 0),
  };
  const candidates = resident
    .filter((v) => v.inFlight === 0 && !v.pinned)
    .sort((a, b) => a.lastUsed - b.lastUsed);
  const victims: V[] = [];
  for (const v of candidates) {
    if (!isOver(totals)) break;
    victims.push(v);
    totals = { count: totals.count - 1, bytes: totals.bytes - v.bytes };
  }
  return victims;
}
