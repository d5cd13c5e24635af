import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mlpConfig, mlpGraph, mlpLayers, MlpSpec } from '../../tools/models/mlp-model';
import { writeConfig, writeModel } from '../../tools/models/repository-writer';
import { call, EXAMPLE_MODELS, startApp, TestApp, waitForOutput } from '../helpers/test-app';

/**
 * The shared session pool (issue #12) against real servers: many models on a fixed number of
 * threads, a dead thread's models coming back, and a heavy model kept off the event loop.
 */
const IRIS_ROW = [5.1, 3.5, 1.4, 0.2];

/** A repository of `count` copies of the bundled iris, named iris_000…, plus `extra` files. */
function irisCopies(count: number): string {
  const root = mkdtempSync(join(tmpdir(), 'perch-many-'));
  for (let i = 0; i < count; i++) {
    const dir = join(root, `iris_${String(i).padStart(3, '0')}`);
    mkdirSync(join(dir, '1'), { recursive: true });
    copyFileSync(join(EXAMPLE_MODELS, 'iris', '1', 'model.onnx'), join(dir, '1', 'model.onnx'));
    copyFileSync(join(EXAMPLE_MODELS, 'iris', 'labels.txt'), join(dir, 'labels.txt'));
    const config = JSON.parse(readFileSync(join(EXAMPLE_MODELS, 'iris', 'config.json'), 'utf8'));
    delete config.name;
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  }
  return root;
}

function threadsOf(pid: number): number {
  return Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

const irisRequest = {
  inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: IRIS_ROW }],
};

describe('a hundred models on one pool', () => {
  let many: TestApp;
  let few: TestApp;
  let root: string;
  beforeAll(async () => {
    root = irisCopies(100);
    [many, few] = await Promise.all([
      startApp({ MODEL_REPOSITORY: root, SESSION_THREADS: '2' }, 60_000),
      startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS, SESSION_THREADS: '2' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([many.close(), few.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  it('loads all of them, and every one answers by name', async () => {
    expect((await call(many, 'GET', '/v2/health/ready')).status).toBe(200);
    const names = Array.from({ length: 100 }, (_, i) => `iris_${String(i).padStart(3, '0')}`);
    const answers = await Promise.all(
      names.map((name) => call(many, 'POST', `/v2/models/${name}/infer`, irisRequest)),
    );
    answers.forEach((res, i) => {
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ model_name: names[i] });
      expect(res.json<{ outputs: { name: string; data: string[] }[] }>().outputs[0].data).toEqual([
        'setosa',
      ]);
    });
  });

  it('runs them on as many threads as five models use', () => {
    // libuv's own pool may start its threads at different moments: a little slack, not 100.
    expect(threadsOf(many.pid)).toBeLessThanOrEqual(threadsOf(few.pid) + 4);
  });
});

describe('a session thread that dies', () => {
  let app: TestApp;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'perch-crash-'));
    for (const name of ['simple', 'simple_string', 'iris']) {
      mkdirSync(join(root, name, '1'), { recursive: true });
      copyFileSync(
        join(EXAMPLE_MODELS, name, '1', 'model.onnx'),
        join(root, name, '1', 'model.onnx'),
      );
      const config = JSON.parse(readFileSync(join(EXAMPLE_MODELS, name, 'config.json'), 'utf8'));
      config.parameters = { placement: 'pool' };
      delete config.output?.[1]?.label_filename;
      writeFileSync(join(root, name, 'config.json'), JSON.stringify(config));
    }
    // One thread holding every model, with a small heap: a request of 32 MB of text overruns it.
    app = await startApp({
      MODEL_REPOSITORY: root,
      SESSION_THREADS: '1',
      SESSION_THREAD_HEAP_MB: '16',
      MAX_REQUEST_STRING_BYTES: String(64 * 1024 * 1024),
    });
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('fails only what it was running, and all of its models come back', async () => {
    const big = new Array(16).fill('1'.repeat(1 << 20));
    const res = await call(app, 'POST', '/v2/models/simple_string/infer', {
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        shape: [1, 16],
        datatype: 'BYTES',
        data: big,
      })),
    });
    expect(res.status).toBe(500);
    expect(res.json<{ error: string }>().error).toContain('session thread 0');
    await waitForOutput(app, (out) => out.includes('reloading its 3 session(s)'));
    expect(app.output()).toContain(
      'session thread 0 exited with code 1; restarted it and reloading its 3 session(s)',
    );
    const ones = new Array(16).fill(1);
    const simple = await call(app, 'POST', '/v2/models/simple/infer', {
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        shape: [1, 16],
        datatype: 'INT32',
        data: ones,
      })),
    });
    expect(simple.json<{ outputs: { data: number[] }[] }>().outputs[0].data).toEqual(
      new Array(16).fill(2),
    );
    const text = await call(app, 'POST', '/v2/models/simple_string/infer', {
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        shape: [1, 16],
        datatype: 'BYTES',
        data: ones.map(String),
      })),
    });
    expect(text.json<{ outputs: { data: string[] }[] }>().outputs[0].data).toEqual(
      new Array(16).fill('2'),
    );
    expect((await call(app, 'POST', '/v2/models/iris/infer', irisRequest)).status).toBe(200);
    expect((await call(app, 'GET', '/v2/health/ready')).status).toBe(200);
  });
});

describe('a heavy model', () => {
  const HEAVY: MlpSpec = {
    name: 'heavy',
    sizes: [1024, 2048, 2048, 10],
    seed: 7,
    maxBatchSize: 16,
  };
  let app: TestApp;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'perch-heavy-'));
    writeModel(root, 'heavy', 1, mlpGraph(HEAVY, mlpLayers(HEAVY)));
    writeConfig(root, 'heavy', mlpConfig(HEAVY));
    app = await startApp({ MODEL_REPOSITORY: root }, 60_000);
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('never holds /health/live while it is saturated', async () => {
    const body = JSON.stringify({
      inputs: [
        { name: 'input', shape: [1, 1024], datatype: 'FP32', data: new Array(1024).fill(0.5) },
      ],
    });
    let running = true;
    const clients = Array.from({ length: 16 }, async () => {
      let answered = 0;
      while (running) {
        const res = await call(app, 'POST', '/v2/models/heavy/infer', body);
        expect(res.status).toBe(200);
        answered++;
      }
      return answered;
    });
    const probes: number[] = [];
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      const t = performance.now();
      expect((await call(app, 'GET', '/health/live')).status).toBe(200);
      probes.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    running = false;
    const answered = (await Promise.all(clients)).reduce((a, b) => a + b, 0);
    expect(answered).toBeGreaterThan(16);
    // Generous: the precise figure is the bench's. Before the pool, a run on the event loop
    // would hold each probe for the whole batch.
    expect(Math.max(...probes)).toBeLessThan(500);
  });
});
