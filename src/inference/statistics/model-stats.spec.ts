import { InferenceRecord } from '../inference-record';
import { newRunTrace, RunTrace } from '../runtime/run-trace';
import { ModelStatsAccumulator, ModelStatsSnapshot } from './model-stats';

const trace = (over: Partial<RunTrace> = {}): RunTrace => ({
  ...newRunTrace(),
  queueNs: 100,
  computeInputNs: 10,
  computeInferNs: 50,
  computeOutputNs: 5,
  ...over,
});
const ok = (rows: number, t: RunTrace = trace(), at = 1000): InferenceRecord => ({
  model: 'm',
  version: '1',
  protocol: 'v2',
  outcome: 'success',
  rows,
  durationNs: 200,
  finishedAtMs: at,
  trace: t,
});
const failed = (outcome: 'client_error' | 'server_error', at = 1000): InferenceRecord => ({
  ...ok(1, undefined, at),
  outcome,
  durationNs: 30,
  trace: undefined,
});
const d = (count: number, ns: number) => ({ count, ns });

/** [case, records, expected fields of the snapshot] */
const CASES: [string, InferenceRecord[], Partial<ModelStatsSnapshot>][] = [
  [
    'nothing yet',
    [],
    { lastInferenceMs: 0, inferenceCount: 0, executionCount: 0, success: d(0, 0), batches: [] },
  ],
  [
    'one request of 3 rows run alone',
    [ok(3)],
    {
      inferenceCount: 3,
      executionCount: 1,
      success: d(1, 200),
      queue: d(1, 100),
      computeInput: d(1, 10),
      computeInfer: d(1, 50),
      computeOutput: d(1, 5),
      batches: [
        { batchSize: 3, computeInput: d(1, 10), computeInfer: d(1, 50), computeOutput: d(1, 5) },
      ],
    },
  ],
  [
    'two requests merged into one execution of 4 rows',
    [
      ok(1, trace({ executionRows: 4 })),
      ok(3, trace({ executionRows: 4, countsExecution: false })),
    ],
    {
      inferenceCount: 4,
      executionCount: 1,
      success: d(2, 400),
      computeInfer: d(2, 100),
      batches: [
        { batchSize: 4, computeInput: d(1, 10), computeInfer: d(1, 50), computeOutput: d(1, 5) },
      ],
    },
  ],
  [
    'batch sizes listed in ascending order',
    [ok(8), ok(2), ok(8)],
    {
      executionCount: 3,
      batches: [
        { batchSize: 2, computeInput: d(1, 10), computeInfer: d(1, 50), computeOutput: d(1, 5) },
        { batchSize: 8, computeInput: d(2, 20), computeInfer: d(2, 100), computeOutput: d(2, 10) },
      ],
    },
  ],
  [
    'failures count in fail only, with their duration',
    [failed('client_error'), failed('server_error'), ok(1)],
    { inferenceCount: 1, executionCount: 1, success: d(1, 200), fail: d(2, 60), queue: d(1, 100) },
  ],
  [
    'last inference is the latest finish, failed or not',
    [ok(1, trace(), 5000), failed('client_error', 7000), ok(1, trace(), 6000)],
    { lastInferenceMs: 7000 },
  ],
  [
    'fractional and negative durations are rounded and floored at zero',
    [ok(1, trace({ queueNs: 1.6, computeInferNs: -3 }))],
    { queue: d(1, 2), computeInfer: d(1, 0) },
  ],
];

describe('ModelStatsAccumulator', () => {
  it.each(CASES)('%s', (_case, records, expected) => {
    const stats = new ModelStatsAccumulator();
    records.forEach((r) => stats.record(r));
    expect(stats.snapshot()).toMatchObject(expected);
  });
});
