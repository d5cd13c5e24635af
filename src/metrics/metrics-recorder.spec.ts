import { InferenceRecord } from '../inference/inference-record';
import { newRunTrace } from '../inference/runtime/run-trace';
import { PerchMetrics, VersionState } from './metrics';
import { MetricsRecorder } from './metrics-recorder';
import { InferenceStatistics } from '../inference/statistics/inference-statistics';

const labels = '{model="m",version="1"}';
const record = (over: Partial<InferenceRecord> = {}): InferenceRecord => ({
  model: 'm',
  version: '1',
  protocol: 'v2',
  outcome: 'success',
  rows: 3,
  durationNs: 2_000_000,
  finishedAtMs: 0,
  trace: {
    ...newRunTrace(),
    queueNs: 500_000,
    computeInputNs: 1000,
    computeInferNs: 1_000_000,
    computeOutputNs: 2000,
    executionRows: 8,
  },
  ...over,
});

/** The value of one sample line of the text exposition, e.g. `nv_inference_count{...}`. */
async function sample(metrics: PerchMetrics, series: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('MetricsRecorder', () => {
  let states: VersionState[];
  let metrics: PerchMetrics;
  let recorder: { inferred(r: InferenceRecord): void; lifecycle: MetricsRecorder['lifecycle'] };
  beforeEach(() => {
    states = [];
    // The data plane records each inference in the statistics (Triton's counters read them at
    // scrape time) and tells the recorder (the histograms and Perch's own counters).
    const statistics = new InferenceStatistics();
    metrics = new PerchMetrics(
      () => states,
      false,
      () => statistics.list(),
    );
    const inner = new MetricsRecorder(metrics);
    recorder = {
      inferred: (r) => {
        statistics.record(r);
        inner.inferred(r);
      },
      lifecycle: (e) => inner.lifecycle(e),
    };
  });

  it('records a success in Perch and Triton series, durations in their units', async () => {
    recorder.inferred(record());
    const expected: [string, number][] = [
      ['perch_inference_requests_total{model="m",version="1",protocol="v2",outcome="success"}', 1],
      [`nv_inference_request_success${labels}`, 1],
      [`nv_inference_count${labels}`, 3],
      [`nv_inference_exec_count${labels}`, 1],
      [`nv_inference_request_duration_us${labels}`, 2000],
      [`nv_inference_queue_duration_us${labels}`, 500],
      [`nv_inference_compute_input_duration_us${labels}`, 1],
      [`nv_inference_compute_infer_duration_us${labels}`, 1000],
      [`nv_inference_compute_output_duration_us${labels}`, 2],
      [`perch_inference_queue_duration_seconds_sum${labels}`, 0.0005],
      [`perch_inference_compute_duration_seconds_sum${labels}`, 0.001003],
      [`perch_inference_batch_rows_sum${labels}`, 8],
      [`perch_inference_batch_rows_bucket{le="8",model="m",version="1"}`, 1],
      [`perch_inference_batch_rows_bucket{le="4",model="m",version="1"}`, 0],
    ];
    for (const [series, value] of expected)
      expect([series, await sample(metrics, series)]).toEqual([series, value]);
  });

  it('counts the execution of a merged batch once', async () => {
    recorder.inferred(record());
    recorder.inferred(record({ trace: { ...record().trace!, countsExecution: false } }));
    expect(await sample(metrics, `nv_inference_exec_count${labels}`)).toBe(1);
    expect(await sample(metrics, `nv_inference_request_success${labels}`)).toBe(2);
    expect(await sample(metrics, `perch_inference_batch_rows_count${labels}`)).toBe(1);
  });

  it('records a failure without queue or compute time', async () => {
    recorder.inferred(record({ outcome: 'client_error', trace: undefined }));
    expect(await sample(metrics, `nv_inference_request_failure${labels}`)).toBe(1);
    expect(
      await sample(
        metrics,
        'perch_inference_requests_total{model="m",version="1",protocol="v2",outcome="client_error"}',
      ),
    ).toBe(1);
    expect(await sample(metrics, `nv_inference_count${labels}`)).toBeUndefined();
    expect(
      await sample(metrics, `perch_inference_queue_duration_seconds_count${labels}`),
    ).toBeUndefined();
  });

  it('records loads, failures and unloads with their durations', async () => {
    recorder.lifecycle({ kind: 'loading', model: 'm', version: 1 });
    recorder.lifecycle({ kind: 'ready', model: 'm', version: 1, durationMs: 1500 });
    recorder.lifecycle({ kind: 'failed', model: 'bad', version: null, reason: 'bad config' });
    recorder.lifecycle({ kind: 'unloaded', model: 'm', version: 1, durationMs: 20 });
    expect(
      await sample(metrics, 'perch_model_loads_total{model="m",version="1",outcome="success"}'),
    ).toBe(1);
    expect(
      await sample(
        metrics,
        'perch_model_load_duration_seconds_sum{model="m",version="1",outcome="success"}',
      ),
    ).toBe(1.5);
    expect(
      await sample(metrics, 'perch_model_loads_total{model="bad",version="",outcome="failure"}'),
    ).toBe(1);
    expect(await sample(metrics, `perch_model_unloads_total${labels}`)).toBe(1);
    expect(await sample(metrics, `perch_model_unload_duration_seconds_sum${labels}`)).toBe(0.02);
  });

  it('counts evictions and cold-start waits without per-model series', async () => {
    recorder.lifecycle({ kind: 'evicted', model: 'm', version: 1, bytes: 4096 });
    recorder.lifecycle({ kind: 'evicted', model: 'n', version: 2, bytes: 4096 });
    recorder.lifecycle({ kind: 'cold_start', model: 'm', version: 1, durationMs: 30 });
    expect(await sample(metrics, 'perch_model_evictions_total')).toBe(2);
    expect(await sample(metrics, 'perch_model_cold_start_wait_seconds_count')).toBe(1);
    expect(await sample(metrics, 'perch_model_cold_start_wait_seconds_sum')).toBe(0.03);
  });

  it('reads model states at scrape time, one series per state', async () => {
    states = [
      { model: 'm', version: '1', state: 'READY', bytes: 4096 },
      { model: 'm', version: '2', state: 'LOADING', bytes: 0 },
      { model: 'm', version: '3', state: 'STANDBY', bytes: 0 },
    ];
    expect(await sample(metrics, 'perch_loaded_model_versions')).toBe(1);
    expect(await sample(metrics, 'perch_model_resident_bytes')).toBe(4096);
    expect(
      await sample(metrics, 'perch_model_versions{model="m",version="3",state="STANDBY"}'),
    ).toBe(1);
    expect(
      await sample(metrics, 'perch_model_versions{model="m",version="2",state="LOADING"}'),
    ).toBe(1);
    expect(await sample(metrics, 'perch_model_versions{model="m",version="2",state="READY"}')).toBe(
      0,
    );
    states = [];
    expect(
      await sample(metrics, 'perch_model_versions{model="m",version="2",state="LOADING"}'),
    ).toBeUndefined();
  });
});
