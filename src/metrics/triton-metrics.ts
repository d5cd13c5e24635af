import { Counter, Registry } from 'prom-client';
import type { VersionStatistics } from '../inference/statistics/inference-statistics';
import type { ModelStatsSnapshot } from '../inference/statistics/model-stats';

/** One Triton counter: its name, help, and the figure it reads from a version's statistics. */
type TritonCounter = readonly [name: string, help: string, read: (s: ModelStatsSnapshot) => number];

const US_PER_NS = 1e-3;

/** Triton's names, labels and units (µs counters), so Triton dashboards work unchanged. */
const COUNTERS: readonly TritonCounter[] = [
  [
    'nv_inference_request_success',
    'Number of successful inference requests, all batch sizes',
    (s) => s.success.count,
  ],
  [
    'nv_inference_request_failure',
    'Number of failed inference requests, all batch sizes',
    (s) => s.fail.count,
  ],
  [
    'nv_inference_count',
    'Number of inferences performed (rows of successful requests)',
    (s) => s.inferenceCount,
  ],
  [
    'nv_inference_exec_count',
    'Number of model executions performed (batches)',
    (s) => s.executionCount,
  ],
  [
    'nv_inference_request_duration_us',
    'Cumulative inference request duration in microseconds (successes)',
    (s) => s.success.ns * US_PER_NS,
  ],
  [
    'nv_inference_queue_duration_us',
    'Cumulative inference queuing duration in microseconds',
    (s) => s.queue.ns * US_PER_NS,
  ],
  [
    'nv_inference_compute_input_duration_us',
    'Cumulative compute input duration in microseconds',
    (s) => s.computeInput.ns * US_PER_NS,
  ],
  [
    'nv_inference_compute_infer_duration_us',
    'Cumulative compute inference duration in microseconds',
    (s) => s.computeInfer.ns * US_PER_NS,
  ],
  [
    'nv_inference_compute_output_duration_us',
    'Cumulative inference compute output duration in microseconds',
    (s) => s.computeOutput.ns * US_PER_NS,
  ],
];

/**
 * Triton's nv_inference_* counters, read from the statistics extension's accumulators at each
 * scrape rather than incremented per request: the same figures as `/v2/models/stats` by
 * construction, and nine fewer metric updates (each a label hash in prom-client) per request.
 * A version appears once it has served a request, as in Triton.
 */
export function registerTritonCounters(
  registry: Registry,
  statistics: () => readonly VersionStatistics[],
): void {
  for (const [name, help, read] of COUNTERS) {
    new Counter({
      name,
      help,
      labelNames: ['model', 'version'],
      registers: [registry],
      collect() {
        this.reset();
        for (const v of statistics()) {
          const value = read(v.stats);
          // A counter starts at its first increment; zero stays absent, as before.
          if (value > 0) this.inc({ model: v.name, version: v.version }, value);
        }
      },
    });
  }
}
