import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { VersionStatistics } from '../inference/statistics/inference-statistics';
import { registerTritonCounters } from './triton-metrics';
import { ModelState } from '../registry/model-state';

/** Request-scale durations: 100 µs to 10 s, three buckets a decade. */
export const LATENCY_BUCKETS_SECONDS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];
/** Loading a model (reading, creating sessions in worker threads) takes longer: 10 ms to 2 min. */
export const LOAD_BUCKETS_SECONDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Rows per execution: powers of two, as max_batch_size and preferred sizes usually are. */
export const BATCH_BUCKETS_ROWS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

const STATES: readonly ModelState[] = ['LOADING', 'READY', 'UNLOADING', 'UNAVAILABLE', 'STANDBY'];

/** What the JSON decode thread's series read at scrape time. */
export interface OffLoopDecodeState {
  readonly sent: number;
  readonly pending: number;
}

/** What the body budget gauges read at scrape time. */
export interface BodyBudgetState {
  readonly inUse: number;
  readonly rejected: number;
}

/** What the state gauges read at scrape time: every model version the registry holds. */
export interface VersionState {
  readonly model: string;
  readonly version: string;
  readonly state: ModelState;
  /** Measured footprint of the loaded version (registry/footprint.ts); 0 when not resident. */
  readonly bytes: number;
}

/**
 * Every Prometheus metric Perch exports, in one registry of its own (not prom-client's global one,
 * so tests can build several). Names end in their unit; labels are bounded by construction:
 * model and version only as the registry knows them, protocol and outcome from fixed lists, never
 * a request's values. docs/operations.md's Metrics section lists the same series; change both together.
 */
export class PerchMetrics {
  readonly registry = new Registry();

  readonly httpRequests = this.counter(
    'perch_http_requests_total',
    'HTTP requests answered, by route family and status class',
    ['protocol', 'outcome'],
  );
  readonly httpDuration = this.histogram(
    'perch_http_request_duration_seconds',
    'HTTP request time from arrival to the last byte sent',
    ['protocol', 'outcome'],
    LATENCY_BUCKETS_SECONDS,
  );
  readonly httpInFlight = new Gauge({
    name: 'perch_http_in_flight_requests',
    help: 'HTTP requests received and not yet answered',
    registers: [this.registry],
  });
  readonly httpRequestBytes = this.counter(
    'perch_http_request_body_bytes_total',
    'Request body bytes received, as sent (Content-Length)',
    ['protocol'],
  );
  readonly httpResponseBytes = this.counter(
    'perch_http_response_body_bytes_total',
    'Response body bytes sent, after compression (Content-Length)',
    ['protocol'],
  );

  readonly grpcRequests = this.counter(
    'perch_grpc_requests_total',
    'gRPC calls ended, by method and status code name',
    ['method', 'code'],
  );
  readonly grpcDuration = this.histogram(
    'perch_grpc_request_duration_seconds',
    'gRPC call time from its headers to its status',
    ['method', 'code'],
    LATENCY_BUCKETS_SECONDS,
  );
  readonly grpcMessageBytes = this.counter(
    'perch_grpc_message_bytes_total',
    'gRPC message bytes as sent (compressed when compressed), by method and direction',
    ['method', 'direction'],
  );

  readonly inferenceRequests = this.counter(
    'perch_inference_requests_total',
    'Inference requests that reached a served model version, by outcome',
    ['model', 'version', 'protocol', 'outcome'],
  );
  readonly inferenceDuration = this.histogram(
    'perch_inference_request_duration_seconds',
    'Data-plane time of an inference: validation, queue and compute',
    ['model', 'version', 'protocol', 'outcome'],
    LATENCY_BUCKETS_SECONDS,
  );
  readonly queueDuration = this.histogram(
    'perch_inference_queue_duration_seconds',
    'Time a successful request waited in the dynamic batcher queue',
    ['model', 'version'],
    LATENCY_BUCKETS_SECONDS,
  );
  readonly computeDuration = this.histogram(
    'perch_inference_compute_duration_seconds',
    'Compute time (input + infer + output) of the execution a successful request ran in',
    ['model', 'version'],
    LATENCY_BUCKETS_SECONDS,
  );
  readonly batchRows = this.histogram(
    'perch_inference_batch_rows',
    'Rows per model execution (batch size)',
    ['model', 'version'],
    BATCH_BUCKETS_ROWS,
  );

  readonly modelLoads = this.counter(
    'perch_model_loads_total',
    'Model version loads, by outcome (success, failure)',
    ['model', 'version', 'outcome'],
  );
  readonly modelLoadDuration = this.histogram(
    'perch_model_load_duration_seconds',
    'Time to load a model version, success or failure',
    ['model', 'version', 'outcome'],
    LOAD_BUCKETS_SECONDS,
  );
  readonly modelUnloads = this.counter('perch_model_unloads_total', 'Model versions unloaded', [
    'model',
    'version',
  ]);
  readonly modelUnloadDuration = this.histogram(
    'perch_model_unload_duration_seconds',
    'Time to unload a model version (drain its queue, end its threads)',
    ['model', 'version'],
    LOAD_BUCKETS_SECONDS,
  );

  readonly modelEvictions = this.counter(
    'perch_model_evictions_total',
    'Idle model versions unloaded to keep the residency budget (MAX_LOADED_MODELS, MODEL_MEMORY_BUDGET_MB)',
    [],
  );
  readonly coldStartWait = this.histogram(
    'perch_model_cold_start_wait_seconds',
    'How long a request for a STANDBY model version waited for its load',
    [],
    LOAD_BUCKETS_SECONDS,
  );

  /**
   * @param versions read at every scrape for the model gauges.
   * @param processMetrics adds prom-client's Node metrics (event-loop lag, heap, RSS, GC, handles).
   * @param statistics read at every scrape for Triton's counters (triton-metrics.ts).
   * @param bodies read at every scrape: the request body budget (http/body-budget.ts).
   * @param offLoop read at every scrape: the JSON decode thread (protocol/shared/json-thread).
   */
  constructor(
    versions: () => readonly VersionState[],
    processMetrics = true,
    statistics: () => readonly VersionStatistics[] = () => [],
    bodies: () => BodyBudgetState = () => ({ inUse: 0, rejected: 0 }),
    offLoop: () => OffLoopDecodeState = () => ({ sent: 0, pending: 0 }),
  ) {
    registerTritonCounters(this.registry, statistics);
    new Gauge({
      name: 'perch_loaded_model_versions',
      help: 'Model versions loaded and READY to serve',
      registers: [this.registry],
      collect() {
        this.set(versions().filter((v) => v.state === 'READY').length);
      },
    });
    new Gauge({
      name: 'perch_inflight_body_bytes',
      help: 'Weighted bytes of request bodies being read and parsed (MAX_INFLIGHT_BODY_BYTES counts them)',
      registers: [this.registry],
      collect() {
        this.set(bodies().inUse);
      },
    });
    new Counter({
      name: 'perch_body_budget_rejections_total',
      help: 'Requests answered 503 before their body was read: MAX_INFLIGHT_BODY_BYTES was spent',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(bodies().rejected);
      },
    });
    new Counter({
      name: 'perch_json_thread_jobs_total',
      help: 'Large JSON bodies (256 KiB and up) parsed and decoded on the JSON decode thread, off the event loop',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(offLoop().sent);
      },
    });
    new Gauge({
      name: 'perch_json_thread_pending_requests',
      help: 'Large JSON bodies waiting for or being decoded on the JSON decode thread',
      registers: [this.registry],
      collect() {
        this.set(offLoop().pending);
      },
    });
    new Gauge({
      name: 'perch_model_resident_bytes',
      help: 'Measured footprint of the model versions now loaded, what MODEL_MEMORY_BUDGET_MB counts',
      registers: [this.registry],
      collect() {
        this.set(versions().reduce((sum, v) => sum + v.bytes, 0));
      },
    });
    new Gauge({
      name: 'perch_model_versions',
      help: 'Model versions by lifecycle state: 1 on the series of its current state, 0 on the others',
      labelNames: ['model', 'version', 'state'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const v of versions()) {
          const labels = { model: v.model, version: v.version };
          for (const state of STATES) this.set({ ...labels, state }, v.state === state ? 1 : 0);
        }
      },
    });
    if (processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  private counter<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
  ): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: readonly number[],
  ): Histogram<L> {
    return new Histogram({
      name,
      help,
      labelNames,
      buckets: [...buckets],
      registers: [this.registry],
    });
  }
}
