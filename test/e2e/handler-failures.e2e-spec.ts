import { call, startApp, TestApp, waitForOutput } from '../helpers/test-app';
import { handlerRepository, troubleConfig } from '../helpers/handler-repository';

const TOKEN = 'handler-failures-admin-token';
const auth = { Authorization: `Bearer ${TOKEN}` };
const simpleBody = {
  inputs: ['INPUT0', 'INPUT1'].map((name) => ({
    name,
    shape: [1, 16],
    datatype: 'INT32',
    data: new Array<number>(16).fill(1),
  })),
};

interface IndexEntry {
  name: string;
  state: string;
  reason: string;
}

/**
 * Handlers that fail every way a handler can, on ONE session thread shared with an ONNX model,
 * so a fault that took its thread's other work down with it would show.
 */
describe('handler failures', () => {
  let app: TestApp;
  let repo: { path: string; remove(): void };

  beforeAll(async () => {
    repo = handlerRepository(
      [
        {
          name: 'trouble',
          from: 'trouble.ts',
          as: 'model.ts',
          config: troubleConfig({ parameters: { handler_timeout_ms: '1500' } }),
        },
        {
          name: 'batch_echo',
          from: 'trouble.ts',
          as: 'model.ts',
          config: troubleConfig({
            max_batch_size: 8,
            dynamic_batching: { preferred_batch_size: [4], max_queue_delay_microseconds: 500_000 },
          }),
        },
        {
          name: 'broken_syntax',
          from: 'broken-syntax.ts.txt',
          as: 'model.ts',
          config: troubleConfig(),
        },
        {
          name: 'throws_at_load',
          from: 'throws-at-load.js',
          as: 'model.js',
          config: troubleConfig(),
        },
        {
          name: 'loops_at_load',
          from: 'loops-at-load.js',
          as: 'model.js',
          config: troubleConfig({ parameters: { handler_load_timeout_ms: '1500' } }),
        },
      ],
      ['simple'],
    );
    app = await startApp({
      MODEL_REPOSITORY: repo.path,
      SESSION_THREADS: '1',
      ENABLE_REPOSITORY_API: 'true',
      ADMIN_TOKEN: TOKEN,
    });
  });

  afterAll(async () => {
    await app.close();
    repo.remove();
  });

  it.each([
    ['INVALID_ARG', 400],
    ['NOT_FOUND', 404],
    ['UNAVAILABLE', 503],
    ['UNSUPPORTED', 501],
  ])('a HandlerError %s answers %i with its message', async (code, status) => {
    const res = await call(app, 'POST', '/predict/trouble', [{ fail: code }]);
    expect(res.status).toBe(status);
    expect(res.json()).toEqual({ error: `model 'trouble' version 1: record says ${code}` });
  });

  it('answers anything else thrown with a 500 that leaks nothing, and logs the details', async () => {
    const res = await call(app, 'POST', '/v1/models/trouble:predict', {
      instances: [{ fail: 'generic' }],
    });
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({
      error: "model 'trouble' version 1: the handler failed (the server log has the details)",
    });
    expect(res.text).not.toContain('hunter2');
    const log = await waitForOutput(app, (o) => o.includes('hunter2'));
    expect(log).toMatch(/the handler failed: Error: cannot reach postgres:[^"]*\\n\s+at /);
  });

  it('fails the same way over V2, with tensors', async () => {
    const body = { inputs: [{ name: 'fail', shape: [1], datatype: 'BYTES', data: ['NOT_FOUND'] }] };
    const res = await call(app, 'POST', '/v2/models/trouble/infer', body);
    expect(res.status).toBe(404);
    const ok = { inputs: [{ name: 'fail', shape: [1], datatype: 'BYTES', data: [''] }] };
    const answer = await call(app, 'POST', '/v2/models/trouble/infer', ok);
    expect(answer.json()).toMatchObject({
      outputs: [{ name: 'batch', datatype: 'INT32', shape: [1], data: [1] }],
    });
  });

  it.each(['hang', 'never'])(
    'answers a handler that overruns (%s) with 503, replaces its thread, and loses nothing else',
    async (fail) => {
      const started = Date.now();
      const stuck = call(app, 'POST', '/predict/trouble', [{ fail }]);
      // Sent while the thread is stuck: the ONNX model on the same thread, and the handler itself.
      await new Promise((r) => setTimeout(r, 200));
      const others = await Promise.all([
        ...Array.from({ length: 6 }, () =>
          call(app, 'POST', '/v2/models/simple/infer', simpleBody),
        ),
        call(app, 'POST', '/predict/trouble', [{}]),
      ]);
      const res = await stuck;
      expect(res.status).toBe(503);
      expect(res.json<{ error: string }>().error).toBe(
        "model 'trouble' version 1: the handler did not answer within 1500 ms (parameters.handler_timeout_ms)",
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
      expect(others.map((o) => o.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
      expect(others[6].json()).toEqual([{ batch: 1 }]);
      const log = await waitForOutput(app, (o) => o.includes('was replaced'));
      expect(log).toContain(
        "session thread 0 was replaced (a call to model 'trouble' overran 1500 ms)",
      );
      expect((await call(app, 'POST', '/predict/trouble', [{}])).status).toBe(200);
    },
  );

  it('makes only a handler that fails to load UNAVAILABLE, with its reason', async () => {
    const index = await call(app, 'POST', '/v2/repository/index', '{}', auth);
    const byName = Object.fromEntries(
      index.json<IndexEntry[]>().map((e) => [e.name, { state: e.state, reason: e.reason }]),
    );
    expect(byName).toEqual({
      batch_echo: { state: 'READY', reason: '' },
      broken_syntax: {
        state: 'UNAVAILABLE',
        reason: expect.stringMatching(/^failed to load: .*model\.ts.*\(4:\d+\)/),
      },
      loops_at_load: {
        state: 'UNAVAILABLE',
        reason:
          'failed to load: the handler did not load within 1500 ms (parameters.handler_load_timeout_ms)',
      },
      simple: { state: 'READY', reason: '' },
      throws_at_load: {
        state: 'UNAVAILABLE',
        reason: 'failed to load: Error: no licence file next to the model (at model.js:3:21)',
      },
      trouble: { state: 'READY', reason: '' },
    });
    const ready = await call(app, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect((await call(app, 'POST', '/v2/models/simple/infer', simpleBody)).status).toBe(200);
  });

  it('lets the handler see requests the dynamic batcher merged, and answer each', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call(app, 'POST', '/predict/batch_echo', [{}])),
    );
    expect(answers.map((a) => a.json())).toEqual(Array(4).fill([{ batch: 4 }]));
  });

  it.each(['model.ts', 'model.js'])(
    'refuses to take handler code (%s) over the repository API',
    async (file) => {
      const res = await call(
        app,
        'POST',
        '/v2/repository/models/trouble/load',
        {
          parameters: {
            config: JSON.stringify(troubleConfig()),
            [`file:1/${file}`]: Buffer.from('module.exports = class {}').toString('base64'),
          },
        },
        auth,
      );
      expect(res.status).toBe(400);
      expect(res.json<{ error: string }>().error).toBe(
        `parameter 'file:1/${file}': only file:<version>/model.onnx can be uploaded; handler code (model.ts, model.js) loads only from the repository on disk`,
      );
    },
  );
});
