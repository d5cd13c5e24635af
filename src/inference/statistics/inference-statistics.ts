import { Injectable } from '@nestjs/common';
import { InferenceRecord } from '../inference-record';
import { ModelStatsAccumulator, ModelStatsSnapshot } from './model-stats';

/** One model version's statistics, as the statistics extension lists them. */
export interface VersionStatistics {
  readonly name: string;
  readonly version: string;
  readonly stats: ModelStatsSnapshot;
}

/**
 * The statistics of every model version that has served a request since the server started,
 * fed by the data plane. Kept apart from the metrics registry: these back an API answer and
 * exist whether or not METRICS_ENABLED is on.
 */
@Injectable()
export class InferenceStatistics {
  private readonly versions = new Map<string, ModelStatsAccumulator>();

  record(record: InferenceRecord): void {
    const key = keyOf(record.model, record.version);
    const stats = this.versions.get(key) ?? new ModelStatsAccumulator();
    this.versions.set(key, stats);
    stats.record(record);
  }

  /** Every version that has served a request, for the Triton counters read at each scrape. */
  list(): VersionStatistics[] {
    return [...this.versions].map(([key, stats]) => {
      const [name, version] = key.split('\u0000');
      return { name, version, stats: stats.snapshot() };
    });
  }

  /** The version's statistics; zeros for one that has not served yet. */
  of(name: string, version: string): VersionStatistics {
    const stats = this.versions.get(keyOf(name, version)) ?? new ModelStatsAccumulator();
    return { name, version, stats: stats.snapshot() };
  }
}

function keyOf(model: string, version: string): string {
  return `${model}\u0000${version}`;
}
