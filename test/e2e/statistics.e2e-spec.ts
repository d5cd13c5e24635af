import { call, startApp, TestApp } from '../helpers/test-app';
import { simpleAndSlowBatched, simpleInputs } from '../helpers/temp-repository';

const repo = simpleAndSlowBatched();

const body = (rows: number, datatype = 'INT32') => ({ inputs: simpleInputs(rows, datatype) });

interface Duration {
  count: number;
  ns: number;
}
interface ModelStat {
  name: string;
  version: string;
  last_inference: number;
  inference_count: number;
  execution_count: number;
  inference_stats: Record<string, Duration>;
  batch_stats: { batch_size: number; compute_infer: Duration }[];
}

describe('statistics extension', () => {
  let app: TestApp;
  const stats = async (path: string): Promise<ModelStat[]> => {
    const res = await call(app, 'GET', path);
    expect(res.status).toBe(200);
    return res.json<{ model_stats: ModelStat[] }>().model_stats;
  };
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: repo.path });
  });
  afterAll(async () => {
    await app.close();
    repo.remove();
  });

  it('lists every READY version with zeros before any request', async () => {
    const all = await stats('/v2/models/stats');
    expect(all.map((s) => [s.name, s.version])).toEqual([
      ['simple', '1'],
      ['slow_batched', '1'],
    ]);
    expect(all[0]).toMatchObject({ last_inference: 0, inference_count: 0, batch_stats: [] });
    expect(all[0].inference_stats.success).toEqual({ count: 0, ns: 0 });
  });

  it('counts requests run alone: one execution each, batch size = rows, no queue time', async () => {
    const before = Date.now();
    for (const rows of [1, 2, 3]) {
      expect((await call(app, 'POST', '/v2/models/simple/infer', body(rows))).status).toBe(200);
    }
    expect((await call(app, 'POST', '/v2/models/simple/infer', body(1, 'FP32'))).status).toBe(400);
    const [s] = await stats('/v2/models/simple/stats');
    expect(s.inference_count).toBe(6);
    expect(s.execution_count).toBe(3);
    expect(s.last_inference).toBeGreaterThanOrEqual(before);
    const { success, fail, queue, compute_input, compute_infer, compute_output } =
      s.inference_stats;
    expect([success.count, fail.count, queue.count, queue.ns]).toEqual([3, 1, 3, 0]);
    for (const d of [success, fail, compute_input, compute_infer, compute_output]) {
      expect(d.ns).toBeGreaterThan(0);
    }
    expect(s.batch_stats.map((b) => [b.batch_size, b.compute_infer.count])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
  });

  it('counts a merged batch once in execution_count, each request in inference_count', async () => {
    const merged = await Promise.all(
      [1, 2, 3, 4].map(() => call(app, 'POST', '/v2/models/slow_batched/infer', body(1))),
    );
    expect(merged.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const alone = await call(app, 'POST', '/v2/models/slow_batched/versions/1/infer', body(3));
    expect(alone.status).toBe(200);
    const [s] = await stats('/v2/models/slow_batched/versions/1/stats');
    expect(s).toMatchObject({ name: 'slow_batched', version: '1', inference_count: 7 });
    expect(s.execution_count).toBe(2);
    expect(s.batch_stats.map((b) => [b.batch_size, b.compute_infer.count])).toEqual([
      [3, 1],
      [4, 1],
    ]);
    const { success, queue, compute_infer } = s.inference_stats;
    expect([success.count, queue.count, compute_infer.count]).toEqual([5, 5, 5]);
    // The lone request of 3 rows waited for the 300 ms delay.
    expect(queue.ns).toBeGreaterThan(250e6);
  });

  it('answers 404 for an unknown model or version, in the error format', async () => {
    for (const path of ['/v2/models/nope/stats', '/v2/models/simple/versions/9/stats']) {
      const res = await call(app, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({ error: expect.any(String) });
    }
  });

  it('advertises the extension', async () => {
    const res = await call(app, 'GET', '/v2');
    expect(res.json<{ extensions: string[] }>().extensions).toContain('statistics');
  });
});
