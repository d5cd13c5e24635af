import { DataType } from '../../common/tensor/datatype';
import { Tensor } from '../../common/tensor/tensor';
import type { HandlerSpec } from './handlers/handler-spec';
import { RunTrace } from './run-trace';

/** Injection token of the ModelRunner; tests inject a fake, production the ONNX Runtime one. */
export const MODEL_RUNNER = Symbol('MODEL_RUNNER');

/** What a model file declares about one input or output. -1 marks a dimension the file leaves open. */
export interface RuntimeTensorInfo {
  readonly name: string;
  /** Undefined when the runtime type has no protocol datatype (maps, sequences, bfloat16...). */
  readonly datatype: DataType | undefined;
  /** The runtime's own type name, for error messages. */
  readonly runtimeType: string;
  readonly shape: readonly number[] | undefined;
}

/** Where a model version's runs may execute (config.json `parameters.placement`). */
export type Placement = 'auto' | 'inline' | 'pool';

/** How a session is created inside ONNX Runtime (ORT's own session options, chosen by Perch). */
export interface SessionSettings {
  /** Threads ONNX Runtime may use inside one operator; 1 (the default) starts no extra threads. */
  readonly intraOpThreads: number;
  /** Whether ORT's intra-op threads spin after a run (fast wake-up, burnt cores); off by default. */
  readonly allowSpinning: boolean;
  /**
   * The folder external-data files are read from (the model's version directory). Models are
   * loaded from bytes, so without it ONNX Runtime reads them from the working directory.
   */
  readonly externalDataDir?: string;
}

export interface RunnerOptions {
  readonly session: SessionSettings;
  /** Sessions to serve the model with, each on its own pool thread (config.json instance_group). */
  readonly instances: number;
  /** config.json max_batch_size: > 0 means dimension 0 of every input is the batch. */
  readonly maxBatchSize: number;
  /** Where runs execute: measured at load (`auto`), the pool only, or inline whenever cheap enough. */
  readonly placement: Placement;
  /** Set for a version served by its handler (model.ts / model.js); the model bytes may then be empty. */
  readonly handler?: HandlerSpec;
  /** Dynamic batching for models with a batch dimension; undefined runs each request alone. */
  readonly batching?: {
    readonly maxBatchSize: number;
    readonly preferredBatchSizes: readonly number[];
    readonly maxQueueDelayMs: number;
    readonly maxQueueSize: number;
    readonly queueTimeoutMs: number;
  };
}

/** One loaded model file. run() may be called concurrently; dispose() after the last run settles. */
export interface LoadedSession {
  readonly inputs: readonly RuntimeTensorInfo[];
  readonly outputs: readonly RuntimeTensorInfo[];
  /** Runs that can execute at once (what a batcher in front may keep in flight); default 1. */
  readonly concurrency?: number;
  /** True for a handler's session: it also answers business records (handlers/handler-spec.ts RECORDS). */
  readonly takesRecords?: boolean;
  /** Where runs execute, in words, for the model's ready line (e.g. "inline ≤ 200 µs, else pool thread 0"). */
  readonly placement?: string;
  /**
   * Runs the model; the returned tensors are in the order of `outputNames`. The session may take
   * ownership of the inputs' buffers (worker threads receive them transferred, not copied), so
   * callers must not read the inputs after calling run(). `trace`, when given, is filled in with
   * the request's queue and compute times before the promise resolves.
   */
  run(
    inputs: readonly Tensor[],
    outputNames: readonly string[],
    trace?: RunTrace,
  ): Promise<Tensor[]>;
  dispose(): Promise<void>;
}

/** The only seam to an inference runtime: turns model bytes into a LoadedSession. */
export interface ModelRunner {
  load(model: Uint8Array, options: RunnerOptions): Promise<LoadedSession>;
}
