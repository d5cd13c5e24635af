import { join } from 'node:path';
import { InternalError } from '../../../common/errors/serving.errors';
import { Tensor } from '../../../common/tensor/tensor';
import { newRunTrace } from '../run-trace';
import { SessionPool } from './session-pool';

/** Real worker threads running a fake session host (test/fixtures/workers/fake-pool-worker.js). */
const FAKE = {
  file: join(
    __dirname,
    '..',
    '..',
    '..',
    '..',
    'test',
    'fixtures',
    'workers',
    'fake-pool-worker.js',
  ),
  execArgv: [],
};
const SETTINGS = { intraOpThreads: 1, allowSpinning: false };
const model = (kind: string): Uint8Array => Buffer.from(kind);
const input = (values: number[]): Tensor => ({
  name: 'in',
  datatype: 'FP32',
  shape: [values.length / 2, 2],
  data: Float32Array.from(values),
});

describe('SessionPool (real threads, fake sessions)', () => {
  let pool: SessionPool;
  beforeEach(() => {
    pool = new SessionPool(3, FAKE);
  });
  afterEach(() => pool.close());

  it('spreads sessions over the threads, instances of one version on distinct threads', async () => {
    await pool.load(model('echo'), SETTINGS, 2);
    await pool.load(model('echo'), SETTINGS, 1);
    await pool.load(model('echo'), SETTINGS, 1);
    expect(pool.sessionsPerThread()).toEqual([2, 1, 1]);
    const wide = await pool.load(model('echo'), SETTINGS, 5);
    expect(wide.count).toBe(3);
    expect(pool.sessionsPerThread()).toEqual([3, 2, 2]);
  });

  it('answers runs with their own outputs and fills in the trace', async () => {
    const sessions = await pool.load(model('echo'), SETTINGS, 2);
    const traces = Array.from({ length: 20 }, () => newRunTrace());
    const answers = await Promise.all(
      traces.map((trace, i) => sessions.run([input([i, -i])], ['out'], trace)),
    );
    answers.forEach(([out], i) => expect(Array.from(out.data as Float32Array)).toEqual([i, -i]));
    for (const t of traces) expect(t.computeInferNs).toBe(1);
  });

  it('sends each run to the instance whose thread is least busy', async () => {
    const slow = await pool.load(model('slow:300'), SETTINGS, 1);
    const busy = slow.run([input([1, 1])], ['out']);
    const sessions = await pool.load(model('echo'), SETTINGS, 3);
    const started = performance.now();
    await sessions.run([input([2, 2])], ['out']);
    // Not queued behind the slow run on thread 0.
    expect(performance.now() - started).toBeLessThan(250);
    await busy;
  });

  it('rejects a load the thread refuses and hosts nothing for it', async () => {
    await expect(pool.load(model('fail-load'), SETTINGS, 2)).rejects.toThrow('not a model');
    expect(pool.sessionsPerThread()).toEqual([0, 0, 0]);
  });

  it('fails the runs of a thread that dies, restarts it, and its other models serve again', async () => {
    const crasher = await pool.load(model('exit'), SETTINGS, 1);
    const neighbour = await pool.load(model('slow:200'), SETTINGS, 1);
    const other = await pool.load(model('echo'), SETTINGS, 1);
    // Fewest sessions first: the crasher went to thread 0, the next two to 1 and 2, this to 0.
    const sameThread = await pool.load(model('echo'), SETTINGS, 1);
    expect(pool.sessionsPerThread()).toEqual([2, 1, 1]);
    const waiting = sameThread.run([input([5, 5])], ['out']);
    const crashed = crasher.run([input([1, 1])], ['out']);
    await expect(crashed).rejects.toBeInstanceOf(InternalError);
    await expect(crashed).rejects.toThrow(/session thread 0 exited with code 3/);
    // Whatever was queued on the thread with it fails too, and nothing hangs.
    await waiting.then(
      () => undefined,
      (e: Error) => expect(e).toBeInstanceOf(InternalError),
    );
    const [again] = await sameThread.run([input([7, 8])], ['out']);
    expect(Array.from(again.data as Float32Array)).toEqual([7, 8]);
    expect((await other.run([input([1, 2])], ['out']))[0].shape).toEqual([1, 2]);
    expect((await neighbour.run([input([3, 4])], ['out']))[0].shape).toEqual([1, 2]);
  });

  it('settles runs still pending when the pool closes', async () => {
    const slow = await pool.load(model('slow:5000'), SETTINGS, 1);
    const outcome = expect(slow.run([input([1, 1])], ['out'])).rejects.toThrow('closed');
    await pool.close();
    await outcome;
  });
});
