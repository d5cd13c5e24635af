import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tensor } from '../../common/tensor/tensor';
import { RunnerOptions } from './model-runner';
import { PlacedSession } from './placed-session';
import { PooledModelRunner } from './pooled-model-runner';
import { SessionPool } from './pool/session-pool';
import { RequestsInFlight } from './requests-in-flight';
import { newRunTrace } from './run-trace';

const SIMPLE = readFileSync(
  join(__dirname, '..', '..', '..', 'models', 'simple', '1', 'model.onnx'),
);
const OPTIONS: RunnerOptions = {
  session: { intraOpThreads: 1, allowSpinning: false },
  instances: 1,
  maxBatchSize: 8,
  placement: 'auto',
};
const input = (name: string, values: number[]): Tensor => ({
  name,
  datatype: 'INT32',
  shape: [1, 16],
  data: Int32Array.from(values),
});

describe('PooledModelRunner (real ONNX Runtime on real pool threads)', () => {
  const pool = new SessionPool(2);
  const runner = new PooledModelRunner(pool, new RequestsInFlight());
  afterAll(() => pool.close());

  it('loads instances on the pool and answers concurrent runs correctly', async () => {
    const session = await runner.load(SIMPLE, { ...OPTIONS, instances: 2, placement: 'pool' });
    try {
      expect(session.inputs.map((i) => [i.name, i.datatype, i.shape])).toEqual([
        ['INPUT0', 'INT32', [-1, 16]],
        ['INPUT1', 'INT32', [-1, 16]],
      ]);
      expect(session.concurrency).toBe(2);
      await Promise.all(
        Array.from({ length: 20 }, async (_, k) => {
          const a = Array.from({ length: 16 }, (_, i) => i * k);
          const trace = newRunTrace();
          const [sum, diff] = await session.run(
            [input('INPUT0', a), input('INPUT1', new Array(16).fill(k))],
            ['OUTPUT0', 'OUTPUT1'],
            trace,
          );
          expect(Array.from(sum.data as Int32Array)).toEqual(a.map((v) => v + k));
          expect(Array.from(diff.data as Int32Array)).toEqual(a.map((v) => v - k));
          expect(trace.computeInferNs).toBeGreaterThan(0);
          expect(trace.computeInputNs).toBeGreaterThan(0);
        }),
      );
    } finally {
      await session.dispose();
    }
  });

  it('measures a tiny model at load and gives it an inline lane (auto), none with placement pool', async () => {
    const auto = (await runner.load(SIMPLE, OPTIONS)) as PlacedSession;
    const pooled = (await runner.load(SIMPLE, { ...OPTIONS, placement: 'pool' })) as PlacedSession;
    try {
      expect(auto.runsInline).toBe(true);
      expect(auto.concurrency).toBe(1);
      expect(pooled.runsInline).toBe(false);
      // Inline runs are not made here: under Jest, ONNX Runtime's JS wrapper lives in the test's
      // sandbox realm and refuses typed arrays from Node's own; the e2e specs run them for real.
    } finally {
      await Promise.all([auto.dispose(), pooled.dispose()]);
    }
  });

  it('moves input buffers to the pool thread instead of copying them', async () => {
    const session = await runner.load(SIMPLE, { ...OPTIONS, placement: 'pool' });
    try {
      const a = input('INPUT0', new Array(16).fill(1));
      await session.run([a, input('INPUT1', new Array(16).fill(1))], ['OUTPUT0']);
      expect((a.data as Int32Array).length).toBe(0);
    } finally {
      await session.dispose();
    }
  });

  it('rejects a run the runtime refuses, and keeps serving', async () => {
    const session = await runner.load(SIMPLE, { ...OPTIONS, placement: 'pool' });
    try {
      const wrong: Tensor = {
        name: 'INPUT0',
        datatype: 'INT32',
        shape: [1, 3],
        data: Int32Array.from([1, 2, 3]),
      };
      await expect(
        session.run([wrong, input('INPUT1', new Array(16).fill(1))], ['OUTPUT0']),
      ).rejects.toThrow(/dimension|shape|Got invalid/i);
      const [ok] = await session.run(
        [input('INPUT0', new Array(16).fill(2)), input('INPUT1', new Array(16).fill(1))],
        ['OUTPUT0'],
      );
      expect(Array.from(ok.data as Int32Array)).toEqual(new Array(16).fill(3));
    } finally {
      await session.dispose();
    }
  });

  it('fails the load of a file that is not a model, and hosts nothing for it', async () => {
    const before = pool.sessionsPerThread().reduce((a, b) => a + b, 0);
    await expect(runner.load(Buffer.from('not a model'), OPTIONS)).rejects.toThrow(
      /protobuf|parse|load/i,
    );
    expect(pool.sessionsPerThread().reduce((a, b) => a + b, 0)).toBe(before);
  });
});
