import type { CacheStatus } from '../cache/response-cache.service';
import { DataType } from '../common/tensor/datatype';
import { Tensor } from '../common/tensor/tensor';
import { ModelConfig, ModelSignature } from '../registry/model-config';

/** A decoded inference request, whatever protocol it came in by. */
export interface InferRequest {
  readonly inputs: readonly Tensor[];
  /** Outputs to return, in this order; undefined returns every output of the model. */
  readonly outputs?: readonly RequestedOutput[];
  /** The request's own parameters (V2 `parameters`); the response cache reads `cache` and `sequence_*`. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** One requested output and the parameters the client attached to it (unknown ones are ignored). */
export interface RequestedOutput {
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface InferResult {
  readonly modelName: string;
  readonly modelVersion: string;
  readonly outputs: readonly Tensor[];
  /** HIT or MISS for models with response_cache (the X-Cache header); undefined otherwise. */
  readonly cache?: CacheStatus;
}

export interface TensorMetadata {
  readonly name: string;
  readonly datatype: DataType;
  /** Full shape as a client sends it: a leading -1 when the model batches; -1 marks variable dims. */
  readonly shape: readonly number[];
}

export interface ModelMetadata {
  readonly name: string;
  readonly versions: readonly string[];
  readonly platform: string;
  readonly inputs: readonly TensorMetadata[];
  readonly outputs: readonly TensorMetadata[];
}

export interface EffectiveModelConfig {
  readonly name: string;
  readonly config: ModelConfig;
  readonly signature: ModelSignature;
}
