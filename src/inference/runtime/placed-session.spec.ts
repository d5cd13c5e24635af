import { Tensor } from '../../common/tensor/tensor';
import { LoadedSession } from './model-runner';
import { PlacedSession } from './placed-session';
import { PoolSessions } from './pool/session-pool';
import { RequestsInFlight } from './requests-in-flight';
import { RunCost } from './run-cost';

/** A session that records where its runs went and finishes when told to. */
function fakeSession(label: string, calls: string[]): LoadedSession & { finish(): void } {
  const waiting: Array<() => void> = [];
  return {
    inputs: [],
    outputs: [],
    run: () =>
      new Promise<Tensor[]>((resolve) => {
        calls.push(label);
        waiting.push(() => resolve([]));
      }),
    dispose: async () => undefined,
    finish: () => waiting.splice(0).forEach((f) => f()),
  };
}

const rows = (n: number): Tensor[] => [
  { name: 'x', datatype: 'FP32', shape: [n, 10], data: new Float32Array(n * 10) },
];

describe('PlacedSession', () => {
  const calls: string[] = [];
  const inline = fakeSession('inline', calls);
  const pooled = fakeSession('pool', calls);
  const pool = {
    metadata: { inputs: [], outputs: [] },
    count: 2,
    run: pooled.run,
    dispose: () => undefined,
  } as unknown as PoolSessions;
  // 10 µs a run plus 1 µs per element: 200 µs buys 190 elements, 19 rows.
  const cost = new RunCost([
    { units: 0, ns: 10_000 },
    { units: 1000, ns: 1_010_000 },
  ]);
  const requests = new RequestsInFlight();
  const session = new PlacedSession(pool, requests, { session: inline, cost, budgetNs: 200_000 });

  beforeEach(() => calls.splice(0));

  it('runs a cheap run inline when it is alone, the rest on the pool', async () => {
    const first = session.run(rows(1), ['y']);
    const second = session.run(rows(1), ['y']);
    expect(calls).toEqual(['inline', 'pool']);
    inline.finish();
    pooled.finish();
    await Promise.all([first, second]);
    const third = session.run(rows(1), ['y']);
    expect(calls).toEqual(['inline', 'pool', 'inline']);
    // Anything in flight, inline or pooled, sends the next run to the pool.
    const fourth = session.run(rows(1), ['y']);
    expect(calls).toEqual(['inline', 'pool', 'inline', 'pool']);
    inline.finish();
    pooled.finish();
    await Promise.all([third, fourth]);
  });

  it('sends a run to the pool while other requests are in the server', async () => {
    const leave = [requests.enter(), requests.enter()];
    const busy = session.run(rows(1), ['y']);
    expect(calls).toEqual(['pool']);
    pooled.finish();
    await busy;
    leave.forEach((l) => l());
  });

  it('sends a run estimated past the budget to the pool even when the lane is idle', async () => {
    const big = session.run(rows(64), ['y']);
    expect(calls).toEqual(['pool']);
    pooled.finish();
    await big;
  });

  it('offers a batcher the pool sessions as its concurrency', () => {
    expect(session.concurrency).toBe(2);
    expect(new PlacedSession(pool, requests).concurrency).toBe(2);
  });
});
