import { Sample } from './soak-sampler';
import { GROWTH_BOUND, SLOPE_BOUND_MIB_PER_MIN, SoakSummary } from './soak-summary';
import { TrafficTotals } from './soak-traffic';

const fixed = (v: number, digits: number): string => (Number.isNaN(v) ? '–' : v.toFixed(digits));

/** One row per sample: the table the soak prints at the end. */
export function renderSamples(samples: readonly Sample[]): string {
  const head = ['time (s)', 'RSS MiB', 'heap MiB', 'lag p99 ms', 'req/s', 'failures'];
  const rows = samples.map((s) => [
    String(Math.round(s.t)),
    fixed(s.rssMiB, 1),
    fixed(s.heapMiB, 1),
    fixed(s.lagP99Ms, 1),
    fixed(s.reqPerSec, 1),
    String(s.failures),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 1)).join('-|')}-|`,
    ...rows.map(line),
  ].join('\n');
}

/** The summary lines, ending with the verdict. */
export function renderSummary(s: SoakSummary, totals: TrafficTotals): string {
  const failed = Object.entries(totals.byCase)
    .filter(([, c]) => c.failures > 0)
    .map(([name, c]) => `${name} ${c.failures}/${c.requests}`);
  const exit = s.serverExit.signal ?? `exit code ${s.serverExit.code}`;
  return [
    `duration ${fixed(s.durationS, 1)} s; requests ${s.valid + s.invalid} (${s.valid} valid, ${s.invalid} invalid), ` +
      `${fixed(s.reqPerSec, 1)} req/s; failures ${s.failures}${failed.length ? ` (${failed.join(', ')})` : ''}`,
    `RSS after warm-up (t ≥ ${Math.round(s.warmupS)} s) ${fixed(s.rssWarmMiB, 1)} MiB, at the end ` +
      `${fixed(s.rssEndMiB, 1)} MiB (${s.growth >= 0 ? '+' : ''}${fixed(s.growth * 100, 1)}%, bound ` +
      `+${GROWTH_BOUND * 100}%), max ${fixed(s.rssMaxMiB, 1)} MiB`,
    `RSS slope after warm-up ${fixed(s.slopeMiBPerMin, 3)} MiB/min; over its second half ` +
      `${fixed(s.lateSlopeMiBPerMin, 3)} MiB/min (bound ${SLOPE_BOUND_MIB_PER_MIN})`,
    `server event-loop lag: p50 ${fixed(s.lagP50Ms, 2)} ms, p99 ${fixed(s.lagP99Ms, 2)} ms ` +
      `(medians over 5 s intervals; worst interval p99 ${fixed(s.lagWorstP99Ms, 2)} ms)`,
    `server after SIGTERM: ${exit}`,
    ...totals.firstFailures.map((f) => `  failure: ${f}`),
    s.problems.length ? `${s.verdict}; FAILED: ${s.problems.join('; ')}` : `${s.verdict}; passed`,
  ].join('\n');
}
