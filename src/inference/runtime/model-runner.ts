import { DataType } from '../../common/tensor/datatype';
import { Tensor } from '../../common/tensor/tensor';

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

export interface RunnerOptions {
  /** Threads ONNX Runtime may use inside one operator; undefined keeps the runtime's default. */
  readonly intraOpThreads?: number;
}

/** One loaded model file. run() may be called concurrently; dispose() after the last run settles. */
export interface LoadedSession {
  readonly inputs: readonly RuntimeTensorInfo[];
  readonly outputs: readonly RuntimeTensorInfo[];
  /** Runs the model; the returned tensors are in the order of `outputNames`. */
  run(inputs: readonly Tensor[], outputNames: readonly string[]): Promise<Tensor[]>;
  dispose(): Promise<void>;
}

/** The only seam to an inference runtime: turns model bytes into a LoadedSession. */
export interface ModelRunner {
  load(model: Uint8Array, options: RunnerOptions): Promise<LoadedSession>;
}
