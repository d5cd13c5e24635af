/** What placement needs to know of one pool thread. */
export interface ThreadLoad {
  readonly index: number;
  /** Sessions the thread hosts. */
  readonly sessions: number;
  /** Runs sent to it and not yet answered. */
  readonly inFlight: number;
}

/**
 * The threads a model version's `count` sessions go to: distinct threads (one thread runs one
 * run at a time, so two sessions of one version on one thread would add nothing), those hosting
 * the fewest sessions first, then the least busy, then the lowest index, so models spread evenly
 * and placement is deterministic. `count` is capped at the number of threads.
 */
export function placeSessions(threads: readonly ThreadLoad[], count: number): number[] {
  return [...threads]
    .sort((a, b) => a.sessions - b.sessions || a.inFlight - b.inFlight || a.index - b.index)
    .slice(0, Math.max(1, Math.min(count, threads.length)))
    .map((t) => t.index);
}

/** The least busy of `threads` (fewest runs in flight, then the lowest index): where a run goes. */
export function leastBusy<T extends { readonly inFlight: number }>(threads: readonly T[]): T {
  let best = threads[0];
  for (let i = 1; i < threads.length; i++)
    if (threads[i].inFlight < best.inFlight) best = threads[i];
  return best;
}
