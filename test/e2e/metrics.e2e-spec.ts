import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { call, startApp, TestApp } from '../helpers/test-app';
import { simpleAndSlowBatched, simpleInputs, tempRepository } from '../helpers/temp-repository';

type Families = ReturnType<typeof parsePrometheusTextFormat>;

const repo = simpleAndSlowBatched();

const instance = { INPUT0: new Array(16).fill(1), INPUT1: new Array(16).fill(2) };

/** The one sample of `family` whose labels include `labels`; fails the test when there is none. */
function sample(families: Families, family: string, labels: Record<string, string> = {}) {
  const found = families
    .find((f) => f.name === family)
    ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  if (!found) throw new Error(`no sample of ${family} with ${JSON.stringify(labels)}`);
  return found;
}
const value = (families: Families, family: string, labels: Record<string, string> = {}) =>
  Number(sample(families, family, labels).value);

/**
 * One labelled histogram series read from the text: the parser folds histograms into one sample
 * and drops their labels (it only handles unlabelled ones), so buckets, sum and count come from
 * the sample lines themselves. Bucket bounds ascending, +Inf as Infinity.
 */
function histogram(text: string, name: string, labels: Record<string, string>) {
  const rows = text
    .split('\n')
    .map((line) => /^([a-z_:][a-z0-9_:]*)\{([^}]*)\} (\S+)$/i.exec(line))
    .flatMap((m) => (m ? [{ name: m[1], labels: parseLabels(m[2]), value: Number(m[3]) }] : []))
    .filter((r) => Object.entries(labels).every(([k, v]) => r.labels[k] === v));
  const one = (suffix: string) => rows.find((r) => r.name === `${name}_${suffix}`)?.value;
  const buckets = rows
    .filter((r) => r.name === `${name}_bucket`)
    .map((r) => [r.labels.le === '+Inf' ? Infinity : Number(r.labels.le), r.value] as const)
    .sort(([a], [b]) => a - b);
  return { count: one('count'), sum: one('sum'), buckets: new Map(buckets) };
}

function parseLabels(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/([a-z_][a-z0-9_]*)="([^"]*)"/gi)].map((m) => [m[1], m[2]]),
  );
}

describe('Prometheus metrics', () => {
  let app: TestApp;
  let text: string;
  let families: Families;
  const simple = { model: 'simple', version: '1' };
  const batched = { model: 'slow_batched', version: '1' };

  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: repo.path });
    const infer = (path: string, body: unknown) => call(app, 'POST', path, body);
    const sent = [
      await infer('/v2/models/simple/infer', { inputs: simpleInputs(1) }),
      await infer('/v2/models/simple/versions/1/infer', { inputs: simpleInputs(2) }),
      await infer('/v1/models/simple:predict', { instances: [instance, instance] }),
      ...(await Promise.all(
        [1, 2, 3, 4].map(() => infer('/v2/models/slow_batched/infer', { inputs: simpleInputs(1) })),
      )),
    ];
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(
      (await infer('/v2/models/simple/infer', { inputs: simpleInputs(1, 'FP32') })).status,
    ).toBe(400);
    expect((await infer('/v2/models/no_such_model_xyz/infer', { inputs: [] })).status).toBe(404);
    expect((await call(app, 'GET', '/health/live')).status).toBe(200);
    const res = await call(app, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    text = res.text;
    families = parsePrometheusTextFormat(text);
  });
  afterAll(async () => {
    await app.close();
    repo.remove();
  });

  it('passes a Prometheus text-format parse, every family typed and documented', () => {
    expect(families.length).toBeGreaterThan(30);
    for (const f of families) {
      expect(f.name).toMatch(/^[a-z_][a-z0-9_]*$/);
      expect(f.help.length).toBeGreaterThan(0);
      expect(f.type).not.toBe('UNTYPED');
    }
  });

  it('names every Perch series in snake_case ending in its unit', () => {
    const perch = families.filter((f) => f.name.startsWith('perch_')).map((f) => f.name);
    // Every Perch family that has samples by now (unloads only happen at shutdown), the three
    // gRPC families (declared whether or not gRPC is on), the five of the memory budgets and
    // the two of the JSON thread.
    expect(perch.length).toBe(26);
    for (const name of perch) {
      expect(name).toMatch(/_(total|seconds|bytes|rows|requests|versions)$/);
    }
  });

  it('counts inference requests by model, version, protocol and outcome', () => {
    const requests = (labels: Record<string, string>) =>
      value(families, 'perch_inference_requests_total', labels);
    expect(requests({ ...simple, protocol: 'v2', outcome: 'success' })).toBe(2);
    expect(requests({ ...simple, protocol: 'v1', outcome: 'success' })).toBe(1);
    expect(requests({ ...simple, protocol: 'v2', outcome: 'client_error' })).toBe(1);
    expect(requests({ ...batched, protocol: 'v2', outcome: 'success' })).toBe(4);
  });

  it("exposes Triton's series with Triton's names and labels", () => {
    expect(value(families, 'nv_inference_request_success', simple)).toBe(3);
    expect(value(families, 'nv_inference_request_failure', simple)).toBe(1);
    expect(value(families, 'nv_inference_count', simple)).toBe(5);
    expect(value(families, 'nv_inference_exec_count', simple)).toBe(3);
    expect(value(families, 'nv_inference_count', batched)).toBe(4);
    expect(value(families, 'nv_inference_exec_count', batched)).toBe(1);
    expect(value(families, 'nv_inference_queue_duration_us', batched)).toBeGreaterThan(0);
    for (const name of [
      'nv_inference_request_duration_us',
      'nv_inference_compute_input_duration_us',
      'nv_inference_compute_infer_duration_us',
      'nv_inference_compute_output_duration_us',
    ]) {
      expect(value(families, name, simple)).toBeGreaterThan(0);
    }
  });

  it('has latency, queue and compute histograms in seconds from 100 µs to 10 s', () => {
    for (const name of [
      'perch_inference_request_duration_seconds',
      'perch_inference_queue_duration_seconds',
      'perch_inference_compute_duration_seconds',
      'perch_http_request_duration_seconds',
    ]) {
      expect(families.find((f) => f.name === name)?.type).toBe('HISTOGRAM');
      const labels = name.startsWith('perch_http') ? { protocol: 'v2' } : batched;
      const bounds = [...histogram(text, name, labels).buckets.keys()];
      expect([bounds[0], bounds.at(-2), bounds.at(-1)]).toEqual([0.0001, 10, Infinity]);
    }
    const batchRows = histogram(text, 'perch_inference_batch_rows', batched);
    expect([
      batchRows.count,
      batchRows.sum,
      batchRows.buckets.get(2),
      batchRows.buckets.get(4),
    ]).toEqual([1, 4, 0, 1]);
    const queue = histogram(text, 'perch_inference_queue_duration_seconds', batched);
    expect(queue.count).toBe(4);
    expect(queue.sum).toBeGreaterThan(0);
    const latency = histogram(text, 'perch_inference_request_duration_seconds', {
      ...simple,
      protocol: 'v2',
      outcome: 'success',
    });
    expect([latency.count, latency.buckets.get(Infinity)]).toEqual([2, 2]);
  });

  it('shows models loaded, their states and their loads', () => {
    expect(value(families, 'perch_loaded_model_versions')).toBe(2);
    expect(value(families, 'perch_model_versions', { ...simple, state: 'READY' })).toBe(1);
    expect(value(families, 'perch_model_versions', { ...simple, state: 'LOADING' })).toBe(0);
    expect(value(families, 'perch_model_loads_total', { ...simple, outcome: 'success' })).toBe(1);
    expect(histogram(text, 'perch_model_load_duration_seconds', simple).count).toBe(1);
  });

  it('counts every HTTP exchange, in flight and body bytes, by route family', () => {
    expect(
      value(families, 'perch_http_requests_total', { protocol: 'v2', outcome: 'success' }),
    ).toBe(6);
    expect(
      value(families, 'perch_http_requests_total', { protocol: 'v1', outcome: 'success' }),
    ).toBe(1);
    expect(
      value(families, 'perch_http_requests_total', { protocol: 'v2', outcome: 'client_error' }),
    ).toBe(2);
    expect(value(families, 'perch_http_requests_total', { protocol: 'health' })).toBe(1);
    expect(value(families, 'perch_http_in_flight_requests')).toBeGreaterThanOrEqual(1);
    expect(
      value(families, 'perch_http_request_body_bytes_total', { protocol: 'v2' }),
    ).toBeGreaterThan(0);
    expect(
      value(families, 'perch_http_response_body_bytes_total', { protocol: 'v2' }),
    ).toBeGreaterThan(0);
  });

  it('includes Node process metrics: RSS, heap, event-loop lag', () => {
    for (const name of [
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(value(families, name)).toBeGreaterThanOrEqual(0);
    }
  });

  it('never turns request values into labels', () => {
    expect(text).not.toContain('no_such_model_xyz');
    const allowed = new Set(['model', 'version', 'protocol', 'outcome', 'state', 'le']);
    const lines = text.split('\n').filter((l) => /^(perch|nv)_[a-z_]*\{/.test(l));
    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines) {
      for (const label of Object.keys(parseLabels(line.slice(line.indexOf('{'))))) {
        expect(allowed).toContain(label);
      }
    }
  });
});

describe('metrics settings', () => {
  const small = tempRepository([{ name: 'simple', from: 'simple', config: { max_batch_size: 8 } }]);
  afterAll(() => small.remove());

  it('serves METRICS_PATH instead of /metrics', async () => {
    const app = await startApp({ MODEL_REPOSITORY: small.path, METRICS_PATH: '/internal/prom' });
    try {
      expect((await call(app, 'GET', '/metrics')).status).toBe(404);
      const res = await call(app, 'GET', '/internal/prom');
      expect(res.status).toBe(200);
      expect(() => parsePrometheusTextFormat(res.text)).not.toThrow();
    } finally {
      await app.close();
    }
  });

  it('serves nothing with METRICS_ENABLED=false', async () => {
    const app = await startApp({ MODEL_REPOSITORY: small.path, METRICS_ENABLED: 'false' });
    try {
      const res = await call(app, 'GET', '/metrics');
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({ error: expect.any(String) });
    } finally {
      await app.close();
    }
  });
});
