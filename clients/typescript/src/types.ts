import type { DataType, TensorData, TensorDataMap } from './datatypes.js';

/** Parameters of a request, a tensor or an answer: the protocol's free-form map. */
export type Parameters = Record<string, string | number | boolean>;

/** `GET /v2`. */
export interface ServerMetadata {
  name: string;
  version: string;
  extensions: string[];
}

/** One input or output as model metadata describes it; -1 is a variable dimension. */
export interface TensorMetadata {
  name: string;
  datatype: DataType;
  shape: number[];
  parameters?: Parameters;
}

/** `GET /v2/models/{model}[/versions/{version}]`. */
export interface ModelMetadata {
  name: string;
  versions?: string[];
  platform: string;
  inputs: TensorMetadata[];
  outputs: TensorMetadata[];
  parameters?: Parameters;
}

/** Plain JSON values a caller may give instead of a typed array. */
export type JsonTensorData = readonly (number | string | boolean | bigint)[];

/** One input of an inference request, typed by its datatype. */
export type InferInput = {
  [D in DataType]: {
    name: string;
    datatype: D;
    shape: readonly number[];
    data: TensorDataMap[D] | JsonTensorData;
    parameters?: Parameters;
  };
}[DataType];

/** An output the caller asks for, e.g. with `{ classification: 3 }` (Triton's extension). */
export interface RequestedOutput {
  name: string;
  parameters?: Parameters;
}

/** An inference request (the Open Inference Protocol's, with typed data). */
export interface InferRequest {
  id?: string;
  inputs: readonly InferInput[];
  outputs?: readonly RequestedOutput[];
  parameters?: Parameters;
}

/** One output of an answer, its data decoded into the datatype's typed form. */
export type InferOutput = {
  [D in DataType]: {
    name: string;
    datatype: D;
    shape: number[];
    data: TensorDataMap[D];
    parameters?: Parameters;
  };
}[DataType];

/** An inference answer. */
export interface InferResponse {
  model_name: string;
  model_version?: string;
  id?: string;
  parameters?: Parameters;
  outputs: InferOutput[];
}

/** A row of `POST /v2/repository/index`. */
export interface RepositoryIndexEntry {
  name: string;
  version?: string;
  state?: string;
  reason?: string;
}

/** A count and its total time in nanoseconds (Triton's statistics extension). */
export interface StatDuration {
  count: number;
  ns: number;
}

/** One version's statistics (Triton's statistics extension). */
export interface ModelStatistics {
  name: string;
  version: string;
  last_inference: number;
  inference_count: number;
  execution_count: number;
  inference_stats: Record<string, StatDuration>;
  batch_stats?: {
    batch_size: number;
    compute_input: StatDuration;
    compute_infer: StatDuration;
    compute_output: StatDuration;
  }[];
  [field: string]: unknown;
}

/** `GET /v2/models/stats` and its narrower forms. */
export interface StatisticsResponse {
  model_stats: ModelStatistics[];
}

/** KServe V1 `:predict`. */
export interface V1PredictResponse {
  predictions: unknown[];
}

export type { TensorData };
