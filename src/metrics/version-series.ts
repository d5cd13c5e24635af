import type { Counter, Histogram } from 'prom-client';
import { PerchMetrics } from './metrics';

type CounterChild = Counter.Internal;
type HistogramChild = Histogram.Internal<string>;

/** The series of one model version that every inference updates, each looked up once. */
export interface VersionSeries {
  readonly queueDuration: HistogramChild;
  readonly computeDuration: HistogramChild;
  readonly batchRows: HistogramChild;
}

/** The request series of one model version, protocol and outcome. */
export interface RequestSeries {
  readonly requests: CounterChild;
  readonly duration: HistogramChild;
}

/**
 * Labelled series, cached: prom-client hashes a label object on every inc()/observe() given one
 * (sorting and joining its keys), and a request updates about fifteen series. The cache holds
 * one entry per model version (and per protocol and outcome), bounded as the labels are.
 */
export class SeriesCache {
  private readonly versions = new Map<string, VersionSeries>();
  private readonly requests = new Map<string, RequestSeries>();

  constructor(private readonly m: PerchMetrics) {}

  version(model: string, version: string): VersionSeries {
    const key = `${model}\u0000${version}`;
    let series = this.versions.get(key);
    if (!series) {
      const l = { model, version };
      const m = this.m;
      series = {
        queueDuration: m.queueDuration.labels(l),
        computeDuration: m.computeDuration.labels(l),
        batchRows: m.batchRows.labels(l),
      };
      this.versions.set(key, series);
    }
    return series;
  }

  request(model: string, version: string, protocol: string, outcome: string): RequestSeries {
    const key = `${model}\u0000${version}\u0000${protocol}\u0000${outcome}`;
    let series = this.requests.get(key);
    if (!series) {
      const l = { model, version, protocol, outcome };
      series = {
        requests: this.m.inferenceRequests.labels(l),
        duration: this.m.inferenceDuration.labels(l),
      };
      this.requests.set(key, series);
    }
    return series;
  }

  /** Drops a version's entries once it is unloaded (its series stay in the registry). */
  forget(model: string, version: string): void {
    const prefix = `${model}\u0000${version}\u0000`;
    this.versions.delete(`${model}\u0000${version}`);
    for (const key of this.requests.keys()) if (key.startsWith(prefix)) this.requests.delete(key);
  }
}
