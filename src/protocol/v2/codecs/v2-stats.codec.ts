import { VersionStatistics } from '../../../inference/statistics/inference-statistics';
import { DurationStat } from '../../../inference/statistics/model-stats';
import { EncodedBody } from '../../shared/encoded-body';

const NONE: DurationStat = { count: 0, ns: 0 };

/**
 * Statistics → Triton's `$stats_model_response` (statistics extension), every field of the spec
 * present. The response cache keeps its own counters (cache/cache-stats.ts), not yet reported
 * here, so cache_hit/cache_miss stay zero; with no decoupled responses and no memory report,
 * response_stats is empty and memory_usage an empty list.
 */
export function encodeModelStatistics(versions: readonly VersionStatistics[]): EncodedBody {
  return EncodedBody.json(modelStatisticsObject(versions));
}

/** The same as a plain object with the .proto's field names (also the gRPC ModelStatisticsResponse). */
export function modelStatisticsObject(versions: readonly VersionStatistics[]): {
  model_stats: Record<string, unknown>[];
} {
  return {
    model_stats: versions.map(({ name, version, stats }) => ({
      name,
      version,
      last_inference: stats.lastInferenceMs,
      inference_count: stats.inferenceCount,
      execution_count: stats.executionCount,
      inference_stats: {
        success: stats.success,
        fail: stats.fail,
        queue: stats.queue,
        compute_input: stats.computeInput,
        compute_infer: stats.computeInfer,
        compute_output: stats.computeOutput,
        cache_hit: NONE,
        cache_miss: NONE,
      },
      response_stats: {},
      batch_stats: stats.batches.map((b) => ({
        batch_size: b.batchSize,
        compute_input: b.computeInput,
        compute_infer: b.computeInfer,
        compute_output: b.computeOutput,
      })),
      memory_usage: [],
    })),
  };
}
