import { call, FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

const request = (model: string, k: number, rows = 1) => {
  const a = Array.from({ length: rows }, (_, r) => Array.from({ length: 16 }, (_, i) => i * k + r));
  const b = Array.from({ length: rows }, () => new Array(16).fill(k));
  return {
    path: `/v2/models/${model}/infer`,
    body: {
      id: `${model}-${k}`,
      inputs: [
        { name: 'INPUT0', shape: [rows, 16], datatype: 'INT32', data: a },
        { name: 'INPUT1', shape: [rows, 16], datatype: 'INT32', data: b },
      ],
    },
    sum: a.flat().map((v, i) => v + b.flat()[i]),
    diff: a.flat().map((v, i) => v - b.flat()[i]),
  };
};

describe('dynamic batching and worker threads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  it('gives each of many concurrent requests, of mixed batch sizes, its own rows', async () => {
    const requests = Array.from({ length: 60 }, (_, k) => request('batched', k, 1 + (k % 3)));
    const replies = await Promise.all(requests.map((r) => call(app, 'POST', r.path, r.body)));
    replies.forEach((res, k) => {
      expect(res.status).toBe(200);
      const body = res.json<{ id: string; outputs: { shape: number[]; data: number[] }[] }>();
      expect(body.id).toBe(`batched-${k}`);
      expect(body.outputs[0].shape).toEqual([1 + (k % 3), 16]);
      expect(body.outputs[0].data).toEqual(requests[k].sum);
      expect(body.outputs[1].data).toEqual(requests[k].diff);
    });
  });

  it('answers 429 with Retry-After when the queue is full, and serves the request already queued', async () => {
    const first = call(app, 'POST', request('tiny_queue', 1).path, request('tiny_queue', 1).body);
    await new Promise((r) => setTimeout(r, 50));
    const second = await call(
      app,
      'POST',
      request('tiny_queue', 2).path,
      request('tiny_queue', 2).body,
    );
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(second.json()).toEqual({ error: 'queue is full (max_queue_size 1)' });
    const firstReply = await first;
    expect(firstReply.status).toBe(200);
    const expected = request('tiny_queue', 1);
    expect(firstReply.json()).toMatchObject({
      outputs: [{ data: expected.sum }, { data: expected.diff }],
    });
  });

  it('validates before queueing: a bad request gets its 400 and its neighbours their answers', async () => {
    const good = [1, 2, 3].map((k) => request('batched', k));
    const bad = request('batched', 9);
    bad.body.inputs[0].datatype = 'FP32';
    const replies = await Promise.all([...good, bad].map((r) => call(app, 'POST', r.path, r.body)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 400]);
  });

  it('keeps answering probes while models run', async () => {
    const load = Array.from({ length: 30 }, (_, k) => request('batched', k, 8)).map((r) =>
      call(app, 'POST', r.path, r.body),
    );
    const probe = await call(app, 'GET', '/health/live');
    expect(probe.status).toBe(200);
    expect((await Promise.all(load)).every((r) => r.status === 200)).toBe(true);
  });
});
