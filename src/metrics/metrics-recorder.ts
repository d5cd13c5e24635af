import { InferenceRecord } from '../inference/inference-record';
import { ModelLifecycleEvent } from '../registry/model-lifecycle';
import { PerchMetrics } from './metrics';

const SECONDS_PER_NS = 1e-9;
const US_PER_NS = 1e-3;
const SECONDS_PER_MS = 1e-3;

/**
 * Turns what the data plane and the registry report into metric updates: one inference record
 * (InferenceObserver) or one lifecycle step at a time. Holds no state of its own.
 */
export class MetricsRecorder {
  constructor(private readonly metrics: PerchMetrics) {}

  inferred(r: InferenceRecord): void {
    const m = this.metrics;
    const version = { model: r.model, version: r.version };
    const request = { ...version, protocol: r.protocol, outcome: r.outcome };
    m.inferenceRequests.inc(request);
    m.inferenceDuration.observe(request, r.durationNs * SECONDS_PER_NS);
    if (r.outcome !== 'success') return m.nvFailure.inc(version);
    m.nvSuccess.inc(version);
    m.nvCount.inc(version, r.rows);
    m.nvRequestDuration.inc(version, r.durationNs * US_PER_NS);
    const t = r.trace;
    if (!t) return;
    const computeNs = t.computeInputNs + t.computeInferNs + t.computeOutputNs;
    m.queueDuration.observe(version, t.queueNs * SECONDS_PER_NS);
    m.computeDuration.observe(version, computeNs * SECONDS_PER_NS);
    m.nvQueueDuration.inc(version, t.queueNs * US_PER_NS);
    m.nvComputeInput.inc(version, t.computeInputNs * US_PER_NS);
    m.nvComputeInfer.inc(version, t.computeInferNs * US_PER_NS);
    m.nvComputeOutput.inc(version, t.computeOutputNs * US_PER_NS);
    if (!t.countsExecution) return;
    m.nvExecCount.inc(version);
    m.batchRows.observe(version, t.executionRows ?? r.rows);
  }

  lifecycle(e: ModelLifecycleEvent): void {
    const m = this.metrics;
    const labels = { model: e.model, version: e.version === null ? '' : String(e.version) };
    if (e.kind === 'unloaded') {
      m.modelUnloads.inc(labels);
      m.modelUnloadDuration.observe(labels, e.durationMs * SECONDS_PER_MS);
      return;
    }
    if (e.kind === 'loading') return;
    const outcome = { ...labels, outcome: e.kind === 'ready' ? 'success' : 'failure' };
    m.modelLoads.inc(outcome);
    if (e.durationMs !== undefined) {
      m.modelLoadDuration.observe(outcome, e.durationMs * SECONDS_PER_MS);
    }
  }
}
