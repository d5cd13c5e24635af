import type { ModelStatistics, StatDuration } from '../../clients/typescript/src/index.js';
import { table } from './dom.js';

/** What one poll saw of a version, to turn counters into rates at the next. */
export interface Sample {
  at: number;
  count: number;
}

const ms = (d: StatDuration | undefined, count: number): string =>
  d && count > 0 ? (d.ns / count / 1e6).toFixed(3) : '–';

/**
 * The statistics table: requests and failures, throughput since the previous poll, and the mean
 * latency, queue and compute time per request (Triton's cumulative counters divided by counts).
 */
export function statsTable(
  stats: ModelStatistics[],
  previous: Map<string, Sample>,
  now: number,
): HTMLTableElement {
  const rows = stats.map((s) => {
    const success = s.inference_stats.success;
    const count = success?.count ?? 0;
    const before = previous.get(s.version);
    const rate =
      before && now > before.at ? ((count - before.count) * 1000) / (now - before.at) : undefined;
    previous.set(s.version, { at: now, count });
    const compute = ['compute_input', 'compute_infer', 'compute_output']
      .map((k) => s.inference_stats[k]?.ns ?? 0)
      .reduce((a, b) => a + b, 0);
    return [
      s.version,
      count,
      s.inference_stats.fail?.count ?? 0,
      rate === undefined ? '–' : rate.toFixed(1),
      ms(success, count),
      ms(s.inference_stats.queue, count),
      ms({ count, ns: compute }, count),
    ];
  });
  return table(
    [
      'Version',
      'Requests',
      'Failed',
      'Throughput (req/s)',
      'Latency (ms)',
      'Queue (ms)',
      'Compute (ms)',
    ],
    rows,
    { id: 'stats' },
  );
}
