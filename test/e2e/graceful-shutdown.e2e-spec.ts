import { EXAMPLE_MODELS, startApp } from '../helpers/test-app';

const body = JSON.stringify({
  inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: [5.1, 3.5, 1.4, 0.2] }],
});

describe('graceful shutdown on SIGTERM', () => {
  it('turns not-ready at once, keeps serving through the delay, answers every accepted request, exits 0', async () => {
    const app = await startApp({
      MODEL_REPOSITORY: EXAMPLE_MODELS,
      SHUTDOWN_DELAY_SECONDS: '1',
      SHUTDOWN_TIMEOUT_SECONDS: '10',
    });
    const exited = app.exited();
    let stop = false;
    let signalledAt = Infinity;
    const answered: { at: number; ok: boolean }[] = [];
    const refused: string[] = [];
    const lost: string[] = [];
    const client = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${app.url}/v2/models/iris/infer`, { method: 'POST', body });
          const json = (await res.json()) as { outputs?: { data: unknown[] }[] };
          answered.push({
            at: Date.now(),
            ok: res.status === 200 && json.outputs?.[0].data[0] === 'setosa',
          });
        } catch (e) {
          // Refused connections came after the listener closed: never accepted, so not lost.
          const code = ((e as Error).cause as { code?: string } | undefined)?.code ?? String(e);
          (code === 'ECONNREFUSED' ? refused : lost).push(code);
          if (code === 'ECONNREFUSED') await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((r) => setTimeout(r, 500));
    signalledAt = Date.now();
    app.signal('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const ready = await fetch(`${app.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain('the server is shutting down');
    const code = await exited;
    stop = true;
    await Promise.all(clients);
    expect(code).toBe(0);
    expect(lost).toEqual([]);
    expect(answered.every((a) => a.ok)).toBe(true);
    expect(answered.filter((a) => a.at > signalledAt + 500).length).toBeGreaterThan(0);
    console.log(
      `drain: ${answered.length} answered (all complete), ${answered.filter((a) => a.at > signalledAt).length} after SIGTERM, ` +
        `${refused.length} refused after close, 0 lost, exit ${code}`,
    );
  });

  it('exits at once on a second signal', async () => {
    const app = await startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS, SHUTDOWN_DELAY_SECONDS: '30' });
    const exited = app.exited();
    app.signal('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    app.signal('SIGINT');
    expect(await exited).toBe(1);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
