import { DataType } from '../common/tensor/datatype';
import type { Placement } from '../inference/runtime/model-runner';

/** A model input or output as the server exposes it; `dims` exclude the batch dimension. */
export interface TensorSpec {
  readonly name: string;
  readonly datatype: DataType;
  readonly dims: readonly number[];
}

export type VersionPolicy =
  | { readonly kind: 'latest'; readonly numVersions: number }
  | { readonly kind: 'all' }
  | { readonly kind: 'specific'; readonly versions: readonly number[] };

/** A model's config.json after validation; tensors not listed there are still to be filled in from the file. */
export interface ModelConfig {
  readonly name: string;
  /** config.json `backend`: `typescript` needs a handler file, `onnxruntime` ignores one; undefined: by the files. */
  readonly backend?: 'onnxruntime' | 'typescript';
  readonly maxBatchSize: number;
  /** Sessions (worker threads) serving each version: the sum of instance_group counts, default 1. */
  readonly instanceCount: number;
  /** Set when config.json has `dynamic_batching`; undefined runs each request alone. */
  readonly dynamicBatching?: DynamicBatchingConfig;
  readonly inputs: readonly PartialTensorSpec[];
  readonly outputs: readonly PartialTensorSpec[];
  readonly versionPolicy: VersionPolicy;
  readonly parameters: Readonly<Record<string, string>>;
  /** How the runtime runs the model, from config.json `parameters` (defaults in the parser). */
  readonly execution: ExecutionSettings;
  /** Set when config.json has `"response_cache": {"enable": true}`; undefined: never cached. */
  readonly responseCache?: ResponseCacheConfig;
  /** `parameters.pinned`: under a residency budget, loaded at start-up and never evicted. */
  readonly pinned: boolean;
}

/** Per-model response cache settings. */
export interface ResponseCacheConfig {
  /** How long an answer stays cached, in seconds (`parameters.cache_ttl_seconds`). */
  readonly ttlSeconds: number;
}

export interface PartialTensorSpec {
  readonly name: string;
  readonly datatype?: DataType;
  readonly dims?: readonly number[];
  /** Outputs only: config.json `label_filename`, relative to the model directory. */
  readonly labelFilename?: string;
}

/** Class labels per output name, read from each output's label_filename. */
export type OutputLabels = Readonly<Record<string, readonly string[]>>;

/** What a loaded version serves: config merged with the ONNX file's own metadata. */
export interface ModelSignature {
  readonly maxBatchSize: number;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
}

/** Triton's dynamic batcher settings, converted to milliseconds. */
export interface DynamicBatchingConfig {
  /** Batch sizes (rows) worth dispatching at once, ascending; empty: only max_batch_size is. */
  readonly preferredBatchSizes: readonly number[];
  /** Longest a request waits for a batch to fill, in ms. */
  readonly maxQueueDelayMs: number;
  /** Requests that may wait at once; one more is refused with QUEUE_FULL. */
  readonly maxQueueSize: number;
  /** Longest a request may wait in the queue before it fails with TIMEOUT, in ms; 0: no limit. */
  readonly queueTimeoutMs: number;
}

/** Runtime settings a data team may give a model in config.json `parameters`. */
export interface ExecutionSettings {
  /** `intra_op_thread_count`: threads ONNX Runtime uses inside one operator (default 1). */
  readonly intraOpThreads: number;
  /** `allow_spinning`: ORT's intra-op threads spin after a run (default false). */
  readonly allowSpinning: boolean;
  /** `placement`: `auto` (measured at load), `pool`, or `inline` (whenever a run is cheap enough). */
  readonly placement: Placement;
}
