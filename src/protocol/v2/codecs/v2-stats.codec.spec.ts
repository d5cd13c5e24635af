import { ModelStatsAccumulator } from '../../../inference/statistics/model-stats';
import { newRunTrace } from '../../../inference/runtime/run-trace';
import { encodeModelStatistics } from './v2-stats.codec';

describe('encodeModelStatistics', () => {
  it('writes every field of the spec in its snake_case names', () => {
    const acc = new ModelStatsAccumulator();
    acc.record({
      model: 'm',
      version: '2',
      protocol: 'v2',
      outcome: 'success',
      rows: 4,
      durationNs: 900,
      finishedAtMs: 1700000000000,
      trace: {
        ...newRunTrace(),
        queueNs: 300,
        computeInputNs: 10,
        computeInferNs: 500,
        computeOutputNs: 20,
      },
    });
    const body = encodeModelStatistics([{ name: 'm', version: '2', stats: acc.snapshot() }]);
    expect(body.contentType).toBe('application/json');
    const d = (count: number, ns: number) => ({ count, ns });
    expect(JSON.parse(body.body.toString())).toEqual({
      model_stats: [
        {
          name: 'm',
          version: '2',
          last_inference: 1700000000000,
          inference_count: 4,
          execution_count: 1,
          inference_stats: {
            success: d(1, 900),
            fail: d(0, 0),
            queue: d(1, 300),
            compute_input: d(1, 10),
            compute_infer: d(1, 500),
            compute_output: d(1, 20),
            cache_hit: d(0, 0),
            cache_miss: d(0, 0),
          },
          response_stats: {},
          batch_stats: [
            {
              batch_size: 4,
              compute_input: d(1, 10),
              compute_infer: d(1, 500),
              compute_output: d(1, 20),
            },
          ],
          memory_usage: [],
        },
      ],
    });
  });

  it('answers an empty list as an empty model_stats', () => {
    expect(JSON.parse(encodeModelStatistics([]).body.toString())).toEqual({ model_stats: [] });
  });
});
