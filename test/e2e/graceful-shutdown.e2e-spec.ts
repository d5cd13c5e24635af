import { EXAMPLE_MODELS, startApp } from '../helpers/test-app';

const body = JSON.stringify({
  inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: [5.1, 3.5, 1.4, 0.2] }],
});

describe('graceful shutdown on SIGTERM', () => {
  /**
   * The clients behave like a Kubernetes Service: they keep sending until the endpoint's readiness
   * has been seen false for a propagation delay (300 ms here, below SHUTDOWN_DELAY_SECONDS), then
   * send nothing new. A client that ignored readiness could meet a reset when the listener closes
   * (connections still in the kernel's accept queue are refused by the OS): that is what the delay
   * is for.
   */
  it('turns not-ready at once, keeps serving through the delay, answers every request it accepted, exits 0', async () => {
    const app = await startApp({
      MODEL_REPOSITORY: EXAMPLE_MODELS,
      SHUTDOWN_DELAY_SECONDS: '1',
      SHUTDOWN_TIMEOUT_SECONDS: '10',
    });
    const exited = app.exited();
    let routed = true;
    let signalledAt = Infinity;
    let notReadyAt = Infinity;
    const answered: { at: number; ok: boolean }[] = [];
    const lost: string[] = [];
    const client = async () => {
      while (routed) {
        try {
          const res = await fetch(`${app.url}/v2/models/iris/infer`, { method: 'POST', body });
          const json = (await res.json()) as { outputs?: { data: unknown[] }[] };
          answered.push({
            at: Date.now(),
            ok: res.status === 200 && json.outputs?.[0].data[0] === 'setosa',
          });
        } catch (e) {
          lost.push(((e as Error).cause as { code?: string } | undefined)?.code ?? String(e));
        }
      }
    };
    const endpointWatcher = async () => {
      while (routed) {
        const status = await fetch(`${app.url}/health/ready`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200 && notReadyAt === Infinity) notReadyAt = Date.now();
        if (Date.now() - notReadyAt >= 300) routed = false;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const clients = [...Array.from({ length: 8 }, client), endpointWatcher()];
    await new Promise((r) => setTimeout(r, 500));
    signalledAt = Date.now();
    app.signal('SIGTERM');
    const code = await exited;
    routed = false;
    await Promise.all(clients);
    expect(code).toBe(0);
    expect(notReadyAt - signalledAt).toBeLessThan(500);
    expect(lost).toEqual([]);
    expect(answered.every((a) => a.ok)).toBe(true);
    expect(answered.filter((a) => a.at > notReadyAt).length).toBeGreaterThan(0);
    console.log(
      `drain: ${answered.length} answered (all complete), ${answered.filter((a) => a.at > signalledAt).length} after SIGTERM, ` +
        `not ready ${notReadyAt - signalledAt} ms after the signal, 0 lost, exit ${code}`,
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
