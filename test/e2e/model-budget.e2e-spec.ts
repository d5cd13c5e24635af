import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, FIXTURE_MODELS, startApp, TestApp, waitForOutput } from '../helpers/test-app';

/** The fixture `versioned` graphs: version N adds N to its input. */
const graph = (n: number): string => join(FIXTURE_MODELS, 'versioned', String(n), 'model.onnx');
const corrupt = join(FIXTURE_MODELS, 'corrupt', '1', 'model.onnx');

const body = { inputs: [{ name: 'x', shape: [1], datatype: 'FP32', data: [100] }] };

interface IndexEntry {
  name: string;
  version?: string;
  state: string;
  reason: string;
}

/**
 * A repository of one-version models: `a`..`d` plain, `p1` pinned by STARTUP_MODELS, `p2` by
 * config.json, `broken` a corrupt file. MAX_LOADED_MODELS=4 leaves two places beside the pins.
 */
function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'perch-budget-'));
  const place = (name: string, file: string, config: object = {}): void => {
    mkdirSync(join(root, name, '1'), { recursive: true });
    copyFileSync(file, join(root, name, '1', 'model.onnx'));
    writeFileSync(join(root, name, 'config.json'), JSON.stringify(config));
  };
  for (const name of ['a', 'b', 'c', 'd']) place(name, graph(1));
  place('p1', graph(1));
  place('p2', graph(1), { parameters: { pinned: 'true' } });
  place('broken', corrupt);
  return root;
}

describe('model residency budget (MAX_LOADED_MODELS)', () => {
  let app: TestApp;
  let repo: string;

  const infer = (model: string) => call(app, 'POST', `/v2/models/${model}/infer`, body);
  const states = async (): Promise<Record<string, string>> => {
    const index = (await call(app, 'POST', '/v2/repository/index', {})).json<IndexEntry[]>();
    return Object.fromEntries(index.map((e) => [e.name, e.state]));
  };
  const metric = async (series: string): Promise<number> => {
    const text = (await call(app, 'GET', '/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? 0 : Number(line.slice(series.length + 1));
  };
  const loads = (model: string) =>
    metric(`perch_model_loads_total{model="${model}",version="1",outcome="success"}`);
  /** Evictions are queued behind the load that caused them: wait until the index shows them. */
  const settled = async (want: Record<string, string>): Promise<Record<string, string>> => {
    let now = await states();
    for (let i = 0; i < 100 && Object.entries(want).some(([k, v]) => now[k] !== v); i++) {
      await new Promise((r) => setTimeout(r, 20));
      now = await states();
    }
    return now;
  };

  beforeAll(async () => {
    repo = repository();
    app = await startApp({
      MODEL_REPOSITORY: repo,
      MODEL_CONTROL_MODE: 'poll',
      REPOSITORY_POLL_SECONDS: '1',
      ENABLE_REPOSITORY_API: 'true',
      MAX_LOADED_MODELS: '4',
      STARTUP_MODELS: 'p1',
    });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(repo, { recursive: true, force: true });
  });

  it('starts with only the pinned models loaded, the rest STANDBY, and is ready', async () => {
    expect(await states()).toEqual({
      a: 'STANDBY',
      b: 'STANDBY',
      c: 'STANDBY',
      d: 'STANDBY',
      broken: 'STANDBY',
      p1: 'READY',
      p2: 'READY',
    });
    expect((await call(app, 'GET', '/v2/health/ready')).status).toBe(200);
    expect((await call(app, 'GET', '/v2/models/a/ready')).json()).toEqual({
      name: 'a',
      ready: true,
    });
  });

  it('loads a cold model once for concurrent first requests', async () => {
    const replies = await Promise.all(Array.from({ length: 8 }, () => infer('a')));
    expect(replies.map((r) => r.status)).toEqual(new Array(8).fill(200));
    expect(replies[0].json<{ outputs: { data: number[] }[] }>().outputs[0].data).toEqual([101]);
    expect(await loads('a')).toBe(1);
    expect(await metric('perch_model_cold_start_wait_seconds_count')).toBe(8);
    const output = await waitForOutput(app, (o) => /model 'a' version 1 ready/.test(o));
    // One load, one ready line (the loading line is at debug since start-up got shorter).
    expect(output.match(/model 'a' version 1 ready/g)).toHaveLength(1);
  });

  it('evicts the least recently used idle version when the budget is exceeded', async () => {
    expect((await infer('b')).status).toBe(200); // a, b, p1, p2: full
    expect((await infer('a')).status).toBe(200); // a is now more recent than b
    expect((await infer('c')).status).toBe(200); // over by one: b goes
    const now = await settled({ b: 'STANDBY' });
    expect(now).toMatchObject({ a: 'READY', b: 'STANDBY', c: 'READY', p1: 'READY', p2: 'READY' });
    expect(await metric('perch_model_evictions_total')).toBe(1);
    expect(await metric('perch_loaded_model_versions')).toBe(4);
  });

  it('answers again from an evicted model, loading it once more', async () => {
    const reply = await infer('b');
    expect(reply.status).toBe(200);
    expect(reply.json<{ outputs: { data: number[] }[] }>().outputs[0].data).toEqual([101]);
    expect(await loads('b')).toBe(2);
    // a was used before c: it is the least recent now.
    expect(await settled({ a: 'STANDBY' })).toMatchObject({ a: 'STANDBY', b: 'READY', c: 'READY' });
  });

  it('never evicts a pinned model, whatever the churn', async () => {
    for (let round = 0; round < 3; round++) {
      for (const model of ['a', 'b', 'c', 'd']) expect((await infer(model)).status).toBe(200);
    }
    const now = await settled({});
    expect(now).toMatchObject({ p1: 'READY', p2: 'READY' });
    expect(await loads('p1')).toBe(1);
    expect(await loads('p2')).toBe(1);
    expect(app.output()).not.toMatch(/model 'p[12]' version 1 evicted/);
    expect(await metric('perch_model_evictions_total')).toBeGreaterThanOrEqual(10);
  });

  it('serves a new file after a reload that lands while versions are being evicted', async () => {
    let stop = false;
    const failures: number[] = [];
    const churn = Promise.all(
      ['b', 'c', 'd'].map(async (model) => {
        while (!stop) {
          const reply = await infer(model);
          if (reply.status !== 200) failures.push(reply.status);
        }
      }),
    );
    // `a` is replaced on disk (graph 2 adds 2) while b, c and d evict each other.
    copyFileSync(graph(2), join(repo, 'a', '1', 'model.onnx'));
    let answer = 0;
    for (let i = 0; i < 100 && answer !== 102; i++) {
      const reply = await infer('a');
      expect(reply.status).toBe(200);
      answer = reply.json<{ outputs: { data: number[] }[] }>().outputs[0].data[0];
      if (answer !== 102) await new Promise((r) => setTimeout(r, 100));
    }
    stop = true;
    await churn;
    expect(answer).toBe(102);
    expect(failures).toEqual([]);
  });

  it('reports a failed cold load and keeps serving the other models', async () => {
    const reply = await infer('broken');
    expect(reply.status).toBe(503);
    expect(reply.json<{ error: string }>().error).toMatch(
      /model 'broken' version 1 is UNAVAILABLE: failed to load/,
    );
    const index = (await call(app, 'POST', '/v2/repository/index', {})).json<IndexEntry[]>();
    expect(index.find((e) => e.name === 'broken')).toMatchObject({
      state: 'UNAVAILABLE',
      reason: expect.stringMatching(/failed to load/),
    });
    const ready = await call(app, 'GET', '/v2/health/ready');
    expect(ready.status).toBe(503);
    for (const model of ['a', 'b', 'p1']) expect((await infer(model)).status).toBe(200);
  });
});
