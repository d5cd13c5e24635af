import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tensor } from '../../../common/tensor/tensor';
import { newRunTrace } from '../run-trace';
import { WorkerModelRunner } from './worker-model-runner';

const SIMPLE = readFileSync(
  join(__dirname, '..', '..', '..', '..', 'models', 'simple', '1', 'model.onnx'),
);

const input = (name: string, values: number[]): Tensor => ({
  name,
  datatype: 'INT32',
  shape: [1, 16],
  data: Int32Array.from(values),
});

describe('WorkerModelRunner (real ONNX Runtime in worker threads)', () => {
  const runner = new WorkerModelRunner();

  it('loads a model in each thread and answers concurrent runs correctly', async () => {
    const session = await runner.load(SIMPLE, { instances: 2 });
    try {
      expect(session.inputs.map((i) => [i.name, i.datatype, i.shape])).toEqual([
        ['INPUT0', 'INT32', [-1, 16]],
        ['INPUT1', 'INT32', [-1, 16]],
      ]);
      const runs = Array.from({ length: 20 }, async (_, k) => {
        const a = Array.from({ length: 16 }, (_, i) => i * k);
        const [sum, diff] = await session.run(
          [input('INPUT0', a), input('INPUT1', new Array(16).fill(k))],
          ['OUTPUT0', 'OUTPUT1'],
        );
        expect(Array.from(sum.data as Int32Array)).toEqual(a.map((v) => v + k));
        expect(Array.from(diff.data as Int32Array)).toEqual(a.map((v) => v - k));
        expect(sum.shape).toEqual([1, 16]);
      });
      await Promise.all(runs);
    } finally {
      await session.dispose();
    }
  });

  it('moves input buffers to the worker instead of copying them', async () => {
    const session = await runner.load(SIMPLE, {});
    try {
      const a = input('INPUT0', new Array(16).fill(1));
      await session.run([a, input('INPUT1', new Array(16).fill(1))], ['OUTPUT0']);
      expect((a.data as Int32Array).length).toBe(0);
    } finally {
      await session.dispose();
    }
  });

  it('traces the compute split of a run: inputs to the worker, the graph, outputs back', async () => {
    const session = await runner.load(SIMPLE, {});
    try {
      const trace = newRunTrace();
      const ones = new Array(16).fill(1);
      await session.run([input('INPUT0', ones), input('INPUT1', ones)], ['OUTPUT0'], trace);
      expect(trace.computeInputNs).toBeGreaterThan(0);
      expect(trace.computeInferNs).toBeGreaterThan(0);
      expect(trace.computeOutputNs).toBeGreaterThan(0);
      expect(trace).toMatchObject({ queueNs: 0, countsExecution: true });
    } finally {
      await session.dispose();
    }
  });

  it('rejects a run the runtime refuses, and keeps serving', async () => {
    const session = await runner.load(SIMPLE, {});
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

  it('fails the load of a file that is not a model', async () => {
    await expect(runner.load(Buffer.from('not a model'), {})).rejects.toThrow(
      /protobuf|parse|load/i,
    );
  });
});
