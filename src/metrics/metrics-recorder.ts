import { InferenceRecord } from '../inference/inference-record';
import { ModelLifecycleEvent } from '../registry/model-lifecycle';
import { PerchMetrics } from './metrics';
import { SeriesCache } from './version-series';

const SECONDS_PER_NS = 1e-9;
const SECONDS_PER_MS = 1e-3;

/**
 * Turns what the data plane and the registry report into metric updates: one inference record
 * (InferenceObserver) or one lifecycle step at a time. Its only state is the cache of labelled
 * series (version-series.ts).
 */
export class MetricsRecorder {
  private readonly series: SeriesCache;

  constructor(private readonly metrics: PerchMetrics) {
    this.series = new SeriesCache(metrics);
  }

  inferred(r: InferenceRecord): void {
    const request = this.series.request(r.model, r.version, r.protocol, r.outcome);
    request.requests.inc();
    request.duration.observe(r.durationNs * SECONDS_PER_NS);
    // Triton's nv_inference_* counters are read from the statistics at scrape time
    // (triton-metrics.ts); only the histograms need each request.
    const t = r.trace;
    if (r.outcome !== 'success' || !t) return;
    const v = this.series.version(r.model, r.version);
    const computeNs = t.computeInputNs + t.computeInferNs + t.computeOutputNs;
    v.queueDuration.observe(t.queueNs * SECONDS_PER_NS);
    v.computeDuration.observe(computeNs * SECONDS_PER_NS);
    if (t.countsExecution) v.batchRows.observe(t.executionRows ?? r.rows);
  }

  lifecycle(e: ModelLifecycleEvent): void {
    const m = this.metrics;
    const labels = { model: e.model, version: e.version === null ? '' : String(e.version) };
    if (e.kind === 'unloaded') {
      this.series.forget(labels.model, labels.version);
      m.modelUnloads.inc(labels);
      m.modelUnloadDuration.observe(labels, e.durationMs * SECONDS_PER_MS);
      return;
    }
    if (e.kind === 'evicted') return m.modelEvictions.inc();
    if (e.kind === 'cold_start') return m.coldStartWait.observe(e.durationMs * SECONDS_PER_MS);
    if (e.kind === 'loading') return;
    const outcome = { ...labels, outcome: e.kind === 'ready' ? 'success' : 'failure' };
    m.modelLoads.inc(outcome);
    if (e.durationMs !== undefined) {
      m.modelLoadDuration.observe(outcome, e.durationMs * SECONDS_PER_MS);
    }
  }
}
