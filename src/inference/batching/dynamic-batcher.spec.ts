import { Clock } from '../../common/clock';
import {
  QueueFullError,
  TimeoutError,
  ModelNotReadyError,
} from '../../common/errors/serving.errors';
import { Tensor } from '../../common/tensor/tensor';
import { LoadedSession } from '../runtime/model-runner';
import { newRunTrace, RunTrace } from '../runtime/run-trace';
import { BatcherSettings, DynamicBatcher } from './dynamic-batcher';

/** A clock whose time moves only when the test says so. */
class ManualClock implements Clock {
  private time = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;
  now(): number {
    return this.time;
  }
  setTimer(fn: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + delayMs, fn, id });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (const t of this.timers.filter((x) => x.at <= this.time)) {
      this.clearTimer(t.id);
      t.fn();
    }
    await flush();
  }
}

const flush = () => new Promise((r) => setImmediate(r));

/**
 * A session that doubles its input `x` [rows, 2] into `y`; it fails on any negative value (a
 * request the graph rejects) and, when `hold` is set, answers only when released.
 */
class FakeSession implements LoadedSession {
  readonly inputs = [];
  readonly outputs = [];
  readonly batches: number[] = [];
  hold = false;
  disposed = false;
  private releases: (() => void)[] = [];
  async run(
    inputs: readonly Tensor[],
    _names: readonly string[],
    trace?: RunTrace,
  ): Promise<Tensor[]> {
    const x = inputs[0];
    this.batches.push(x.shape[0]);
    // Compute times that tell executions apart: 1000 ns per row of the batch.
    if (trace) trace.computeInferNs += 1000 * x.shape[0];
    if (this.hold) await new Promise<void>((r) => this.releases.push(r));
    const values = Array.from(x.data as Float32Array);
    if (values.some((v) => v < 0)) throw new Error('negative input');
    return [
      {
        name: 'y',
        datatype: 'FP32',
        shape: x.shape,
        data: Float32Array.from(values.map((v) => v * 2)),
      },
    ];
  }
  async release(): Promise<void> {
    const r = this.releases;
    this.releases = [];
    r.forEach((f) => f());
    await flush();
  }
  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

const row = (v: number, cols = 2): Tensor[] => [
  { name: 'x', datatype: 'FP32', shape: [1, cols], data: new Float32Array(cols).fill(v) },
];
const values = (outputs: Tensor[]) => Array.from(outputs[0].data as Float32Array);

describe('DynamicBatcher', () => {
  let clock: ManualClock;
  let inner: FakeSession;
  const make = (over: Partial<BatcherSettings> = {}) =>
    new DynamicBatcher(
      inner,
      {
        maxBatchSize: 4,
        preferredBatchSizes: [],
        maxQueueDelayMs: 10,
        maxQueueSize: 8,
        queueTimeoutMs: 0,
        concurrency: 1,
        ...over,
      },
      clock,
    );

  beforeEach(() => {
    clock = new ManualClock();
    inner = new FakeSession();
  });

  it('merges requests that arrive within the delay and splits the answer back', async () => {
    const batcher = make();
    const a = batcher.run(row(1), ['y']);
    const b = batcher.run(row(2), ['y']);
    await flush();
    expect(inner.batches).toEqual([]);
    await clock.advance(10);
    expect(inner.batches).toEqual([2]);
    expect(values(await a)).toEqual([2, 2]);
    expect(values(await b)).toEqual([4, 4]);
  });

  it('leaves at once when the batch is full, without waiting for the delay', async () => {
    const batcher = make({ maxQueueDelayMs: 1000 });
    const all = [1, 2, 3, 4].map((v) => batcher.run(row(v), ['y']));
    await flush();
    expect(inner.batches).toEqual([4]);
    expect((await Promise.all(all)).map(values)).toEqual([
      [2, 2],
      [4, 4],
      [6, 6],
      [8, 8],
    ]);
  });

  it('leaves at once on reaching the largest preferred size', async () => {
    const batcher = make({ maxQueueDelayMs: 1000, preferredBatchSizes: [2] });
    batcher.run(row(1), ['y']);
    batcher.run(row(2), ['y']);
    batcher.run(row(3), ['y']);
    await flush();
    expect(inner.batches).toEqual([2]);
  });

  it('lets requests pile up while the session is busy, then sends them as one batch', async () => {
    inner.hold = true;
    const batcher = make({ maxQueueDelayMs: 0 });
    const first = batcher.run(row(1), ['y']);
    await flush();
    const rest = [2, 3, 4].map((v) => batcher.run(row(v), ['y']));
    await flush();
    expect(inner.batches).toEqual([1]);
    await inner.release();
    expect(inner.batches).toEqual([1, 3]);
    await inner.release();
    expect(values(await first)).toEqual([2, 2]);
    expect((await Promise.all(rest)).map(values)).toEqual([
      [4, 4],
      [6, 6],
      [8, 8],
    ]);
  });

  it('never merges requests of different shapes or outputs', async () => {
    const batcher = make();
    const a = batcher.run(row(1, 2), ['y']);
    const b = batcher.run(row(1, 3), ['y']);
    const c = batcher.run(row(1, 2), ['z']);
    await clock.advance(10);
    await flush();
    expect(inner.batches).toEqual([1, 1, 1]);
    await Promise.all([a, b, c]);
  });

  it('refuses a request when the queue is full', async () => {
    inner.hold = true;
    const batcher = make({ maxQueueSize: 2, maxQueueDelayMs: 0 });
    batcher.run(row(1), ['y']);
    await flush();
    const queued = [batcher.run(row(2), ['y']), batcher.run(row(3), ['y'])];
    await expect(batcher.run(row(4), ['y'])).rejects.toBeInstanceOf(QueueFullError);
    await inner.release();
    await inner.release();
    await Promise.all(queued);
  });

  it('fails a request that waited past the queue timeout', async () => {
    inner.hold = true;
    const batcher = make({ queueTimeoutMs: 50, maxQueueDelayMs: 0 });
    const running = batcher.run(row(1), ['y']);
    await flush();
    const waiting = batcher.run(row(2), ['y']);
    const outcome = waiting.catch((e: unknown) => e);
    await clock.advance(50);
    expect(await outcome).toBeInstanceOf(TimeoutError);
    await inner.release();
    await running;
  });

  it('retries a failed batch request by request, so only the bad one fails', async () => {
    const batcher = make();
    const good = batcher.run(row(1), ['y']);
    const bad = batcher.run(row(-1), ['y']).catch((e: Error) => e.message);
    const alsoGood = batcher.run(row(3), ['y']);
    await clock.advance(10);
    expect(values(await good)).toEqual([2, 2]);
    expect(values(await alsoGood)).toEqual([6, 6]);
    expect(await bad).toBe('negative input');
    expect(inner.batches).toEqual([3, 1, 1, 1]);
  });

  it('traces queue time, and shares one execution among a merged batch, counted once', async () => {
    const batcher = make();
    const traces = [newRunTrace(), newRunTrace()];
    const a = batcher.run(row(1), ['y'], traces[0]);
    await clock.advance(4);
    const b = batcher.run(row(2), ['y'], traces[1]);
    await clock.advance(6);
    await Promise.all([a, b]);
    expect(traces).toEqual([
      expect.objectContaining({ queueNs: 10e6, computeInferNs: 2000, executionRows: 2 }),
      expect.objectContaining({ queueNs: 6e6, computeInferNs: 2000, executionRows: 2 }),
    ]);
    expect(traces.map((t) => t.countsExecution)).toEqual([true, false]);
  });

  it('traces each retried request as its own execution', async () => {
    const batcher = make();
    const traces = [newRunTrace(), newRunTrace()];
    const good = batcher.run(row(1), ['y'], traces[0]);
    const bad = batcher.run(row(-1), ['y'], traces[1]).catch(() => undefined);
    await clock.advance(10);
    await Promise.all([good, bad]);
    expect(traces[0]).toMatchObject({
      executionRows: 1,
      computeInferNs: 1000,
      countsExecution: true,
    });
  });

  it('drains the queue on dispose, then refuses new requests', async () => {
    const batcher = make({ maxQueueDelayMs: 1000 });
    const pending = batcher.run(row(5), ['y']);
    await batcher.dispose();
    expect(values(await pending)).toEqual([10, 10]);
    expect(inner.disposed).toBe(true);
    await expect(batcher.run(row(1), ['y'])).rejects.toBeInstanceOf(ModelNotReadyError);
  });
});
