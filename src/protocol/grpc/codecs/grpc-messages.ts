/**
 * The messages of grpc_service.proto as protobufjs decodes them with CONVERSION
 * (grpc-definitions.ts), as @grpc/proto-loader does with the same options: .proto field names, 64-bit integers as decimal strings, absent fields
 * at their defaults, absent message fields null, the member a oneof holds named. Only the fields
 * Perch reads or writes are listed; encoding takes numbers, strings or Buffers alike.
 */

/** `InferParameter`: one of its members is set, `parameter_choice` names which. */
export interface InferParameterMessage {
  readonly parameter_choice?: string;
  readonly bool_param?: boolean;
  readonly int64_param?: string | number;
  readonly string_param?: string;
  readonly double_param?: number;
  readonly uint64_param?: string | number;
}

export type ParameterMap = Readonly<Record<string, InferParameterMessage>>;

/** `InferTensorContents`: one repeated field per element type. */
export interface TensorContentsMessage {
  readonly bool_contents?: readonly boolean[];
  readonly int_contents?: readonly number[];
  readonly int64_contents?: readonly (string | number)[];
  readonly uint_contents?: readonly number[];
  readonly uint64_contents?: readonly (string | number)[];
  readonly fp32_contents?: readonly number[];
  readonly fp64_contents?: readonly number[];
  readonly bytes_contents?: readonly Buffer[];
}

export interface InferInputTensorMessage {
  readonly name: string;
  readonly datatype: string;
  readonly shape: readonly (string | number)[];
  readonly parameters: ParameterMap;
  readonly contents: TensorContentsMessage | null;
}

export interface RequestedOutputMessage {
  readonly name: string;
  readonly parameters: ParameterMap;
}

export interface ModelInferRequestMessage {
  readonly model_name: string;
  readonly model_version: string;
  readonly id: string;
  readonly parameters: ParameterMap;
  readonly inputs: readonly InferInputTensorMessage[];
  readonly outputs: readonly RequestedOutputMessage[];
  readonly raw_input_contents: readonly Buffer[];
}

export interface InferOutputTensorMessage {
  readonly name: string;
  readonly datatype: string;
  readonly shape: readonly number[];
  readonly parameters?: ParameterMap;
  readonly contents?: TensorContentsMessage;
}

export interface ModelInferResponseMessage {
  readonly model_name: string;
  readonly model_version: string;
  readonly id: string;
  readonly parameters?: ParameterMap;
  readonly outputs: readonly InferOutputTensorMessage[];
  readonly raw_output_contents: readonly Buffer[];
}

/** The requests that name a model and, optionally, a version (`""`: none). */
export interface ModelRefMessage {
  readonly name: string;
  readonly version: string;
}

/** `ModelRepositoryParameter`, as InferParameter with a bytes member. */
export interface RepositoryParameterMessage {
  readonly parameter_choice?: string;
  readonly bool_param?: boolean;
  readonly int64_param?: string | number;
  readonly string_param?: string;
  readonly bytes_param?: Buffer;
}

export interface RepositoryModelRequestMessage {
  readonly repository_name: string;
  readonly model_name: string;
  readonly parameters: Readonly<Record<string, RepositoryParameterMessage>>;
}
