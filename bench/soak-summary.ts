import { ExitStatus } from './servers/child-server';
import { Sample } from './soak-sampler';
import { TrafficTotals } from './soak-traffic';
import { median, slope } from './stats';

/** The end RSS may exceed the post-warm-up RSS by this share at most. */
export const GROWTH_BOUND = 0.1;

/**
 * The RSS trend over the second half of the post-warm-up samples may rise this fast at most, MiB
 * per minute. Judged on the second half because a leak keeps climbing to the end, while the
 * allocator's high-water mark moves in steps: requests that hold a lot at once (a few gzip bombs
 * inflating to MAX_REQUEST_BYTES together) raise RSS once, and the freed memory is reused, not
 * returned. The first run judged the whole post-warm-up slope and failed on such a step (1.23
 * MiB/min overall, 0.12 over the last 5 minutes: bench/results/soak-2026-11-23T15-18-45-489Z.json). The GC's sawtooth and
 * the allocator move RSS by a few MiB between samples; over the ~100 samples of 9 post-warm-up
 * minutes that leaves the least-squares slope an uncertainty of about 0.1 MiB/min, so this bound
 * sits well clear of noise. At the default 100 req/s it is ~90 bytes kept per request: a leak of
 * a buffer, a promise or a log line per request is far above it. Slower leaks need a longer soak.
 */
export const SLOPE_BOUND_MIB_PER_MIN = 0.5;

/** Shorter runs are smoke checks: traffic and shutdown are judged, memory only reported. */
export const MIN_JUDGED_SECONDS = 120;

export type Verdict = 'memory flat' | 'memory grew' | 'too short to judge memory';

export interface SoakSummary {
  readonly durationS: number;
  /** The first sample at or after this many seconds is the post-warm-up reference. */
  readonly warmupS: number;
  readonly rssWarmMiB: number;
  readonly rssEndMiB: number;
  readonly rssMaxMiB: number;
  /** (end − post-warm-up) / post-warm-up. */
  readonly growth: number;
  /** Least squares over the post-warm-up samples (reported). */
  readonly slopeMiBPerMin: number;
  /** Least squares over the second half of them (judged, see SLOPE_BOUND_MIB_PER_MIN). */
  readonly lateSlopeMiBPerMin: number;
  /** Median over the intervals of each interval's p50. */
  readonly lagP50Ms: number;
  /** Median, and highest, of the intervals' p99. */
  readonly lagP99Ms: number;
  readonly lagWorstP99Ms: number;
  readonly valid: number;
  readonly invalid: number;
  readonly reqPerSec: number;
  readonly failures: number;
  readonly serverExit: ExitStatus;
  readonly verdict: Verdict;
  /** Why the run fails; empty when it passes. */
  readonly problems: readonly string[];
}

/** The verdict over a run's samples: a pure function of them, the totals and how the server ended. */
export function summarize(
  samples: readonly Sample[],
  totals: TrafficTotals,
  durationS: number,
  serverExit: ExitStatus,
  /** Why the server ended before the run did, if it did. */
  ended?: string,
): SoakSummary {
  const warmupS = Math.min(60, durationS / 10);
  const start = Math.max(
    0,
    samples.findIndex((s) => s.t >= warmupS),
  );
  const after = samples.slice(start);
  const rss = after.map((s) => s.rssMiB);
  const rssWarmMiB = rss[0] ?? NaN;
  const rssEndMiB = rss[rss.length - 1] ?? NaN;
  const growth = (rssEndMiB - rssWarmMiB) / rssWarmMiB;
  const rssSlope = (part: readonly Sample[]): number =>
    slope(
      part.map((s) => s.t / 60),
      part.map((s) => s.rssMiB),
    );
  const slopeMiBPerMin = rssSlope(after);
  const lateSlopeMiBPerMin = rssSlope(after.slice(Math.floor(after.length / 2)));
  const verdict: Verdict =
    durationS < MIN_JUDGED_SECONDS || after.length < 3
      ? 'too short to judge memory'
      : growth <= GROWTH_BOUND && lateSlopeMiBPerMin <= SLOPE_BOUND_MIB_PER_MIN
        ? 'memory flat'
        : 'memory grew';
  // The reading before the traffic covers the boot (models loading on the loop): left out.
  const loaded = samples.filter((s) => s.t > 0);
  const p99s = loaded.map((s) => s.lagP99Ms).filter((v) => !Number.isNaN(v));
  const problems = [
    ...(ended ? [`the server ended mid-run: ${ended}`] : []),
    ...(totals.failures > 0 ? [`${totals.failures} failed requests`] : []),
    ...(verdict === 'memory grew'
      ? [
          `RSS grew ${(growth * 100).toFixed(1)}% (bound ${GROWTH_BOUND * 100}%), ` +
            `slope over the second half ${lateSlopeMiBPerMin.toFixed(2)} MiB/min ` +
            `(bound ${SLOPE_BOUND_MIB_PER_MIN})`,
        ]
      : []),
    ...(serverExit.code === 0
      ? []
      : [`the server ended with ${serverExit.signal ?? `exit code ${serverExit.code}`}`]),
  ];
  return {
    durationS,
    warmupS,
    rssWarmMiB,
    rssEndMiB,
    rssMaxMiB: Math.max(...samples.map((s) => s.rssMiB)),
    growth,
    slopeMiBPerMin,
    lateSlopeMiBPerMin,
    lagP50Ms: median(loaded.map((s) => s.lagP50Ms).filter((v) => !Number.isNaN(v))),
    lagP99Ms: median(p99s),
    lagWorstP99Ms: Math.max(...p99s),
    valid: totals.valid,
    invalid: totals.invalid,
    reqPerSec: (totals.valid + totals.invalid) / durationS,
    failures: totals.failures,
    serverExit,
    verdict,
    problems,
  };
}
