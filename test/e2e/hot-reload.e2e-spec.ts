import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

/** The fixture `versioned` model: version N's graph adds N to its input. */
const graph = (n: number) => join(FIXTURE_MODELS, 'versioned', String(n), 'model.onnx');

const body = { inputs: [{ name: 'x', shape: [1], datatype: 'FP32', data: [100] }] };

describe('MODEL_CONTROL_MODE=poll: hot reload', () => {
  let app: TestApp;
  let repo: string;
  let stop = false;
  const outcomes: { status: number; version?: string }[] = [];
  let traffic: Promise<void>;

  const place = (name: string, version: number, from: number) => {
    mkdirSync(join(repo, name, String(version)), { recursive: true });
    cpSync(graph(from), join(repo, name, String(version), 'model.onnx'));
  };

  /** Resolves once a fresh request is answered by `version` (or the deadline passes). */
  const servedBy = async (version: string, deadlineMs = 15_000): Promise<number> => {
    const t0 = Date.now();
    while (Date.now() - t0 < deadlineMs) {
      const res = await call(app, 'POST', '/v2/models/swap/infer', body);
      if (res.status === 200 && res.json<{ model_version: string }>().model_version === version)
        return Date.now() - t0;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`version ${version} was not served within ${deadlineMs} ms`);
  };

  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'perch-poll-'));
    place('swap', 1, 1);
    writeFileSync(join(repo, 'swap', 'config.json'), '{}');
    place('keep', 1, 1);
    app = await startApp({
      MODEL_REPOSITORY: repo,
      MODEL_CONTROL_MODE: 'poll',
      ENABLE_REPOSITORY_API: 'true',
      REPOSITORY_POLL_SECONDS: '1',
    });
    // Four clients send requests back to back for the whole test.
    traffic = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!stop) {
          const res = await call(app, 'POST', '/v2/models/swap/infer', body);
          outcomes.push({
            status: res.status,
            version:
              res.status === 200 ? res.json<{ model_version: string }>().model_version : undefined,
          });
        }
      }),
    ).then(() => undefined);
  });

  afterAll(async () => {
    stop = true;
    await traffic;
    await app.close();
    rmSync(repo, { recursive: true, force: true });
  });

  it('swaps to each new version three times with zero failed requests', async () => {
    const times: number[] = [];
    for (const next of [2, 3, 4]) {
      place('swap', next, next === 4 ? 1 : next);
      times.push(await servedBy(String(next)));
    }
    // servedBy saw the last version on its own request; the traffic's next answers carry it too.
    for (let waited = 0; waited < 3000 && !outcomes.some((o) => o.version === '4'); waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    const failed = outcomes.filter((o) => o.status !== 200);
    expect(failed).toEqual([]);
    expect(new Set(outcomes.map((o) => o.version))).toEqual(new Set(['1', '2', '3', '4']));
    expect(outcomes.length).toBeGreaterThan(50);
    // Reported by the closing note: files landing → served, with a 1 s poll interval.
    console.log(
      `hot reload: ${outcomes.length} requests, 0 failed; new version served after ${times.join(', ')} ms`,
    );
  });

  it('keeps serving the loaded version when its file is overwritten with garbage, and says why', async () => {
    writeFileSync(join(repo, 'swap', '4', 'model.onnx'), 'not an onnx model');
    const t0 = Date.now();
    let entry: { version?: string; state: string; reason: string } | undefined;
    while (Date.now() - t0 < 15_000 && !entry?.reason) {
      await new Promise((r) => setTimeout(r, 200));
      const index = await call(app, 'POST', '/v2/repository/index', '{}');
      entry = index
        .json<{ name: string; version?: string; state: string; reason: string }[]>()
        .find((e) => e.name === 'swap');
    }
    expect(entry).toMatchObject({
      version: '4',
      state: 'READY',
      reason: expect.stringMatching(/^reload failed: failed to load: /),
    });
    const res = await call(app, 'POST', '/v2/models/swap/infer', body);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ model_version: '4', outputs: [{ data: [101] }] });
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    expect((await call(app, 'GET', '/health/ready')).status).toBe(200);
  });

  it('unloads a model whose directory is deleted, then answers 404', async () => {
    expect((await call(app, 'GET', '/v2/models/keep')).status).toBe(200);
    rmSync(join(repo, 'keep'), { recursive: true, force: true });
    const t0 = Date.now();
    let status = 200;
    while (Date.now() - t0 < 15_000 && status === 200) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await call(app, 'GET', '/v2/models/keep')).status;
    }
    expect(status).toBe(404);
    expect((await call(app, 'GET', '/health/ready')).status).toBe(200);
  });
});
