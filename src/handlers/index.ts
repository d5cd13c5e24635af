/**
 * Perch's handler API: what a model version's `model.ts` (or `model.js`) imports.
 *
 *     import { HandlerError, type Handler, type ModelContext } from 'perch/handler';
 *
 * A handler default-exports a class; Perch makes one instance per session (config.json
 * `instance_group`) on a pool thread, calls `load` once, then, for every batch of requests,
 * `preprocess` → `predict` → `postprocess`. See docs/handlers.md.
 */
import type { DataType } from '../common/tensor/datatype';
import type { TensorData } from '../common/tensor/tensor';

export type { DataType, TensorData };

/** One tensor: row-major data (BYTES: one string per element; BOOL: 0/1 in a Uint8Array). */
export interface Tensor {
  readonly datatype: DataType;
  readonly shape: readonly number[];
  readonly data: TensorData;
}

/** Tensors by name: a run's inputs or outputs. */
export type Tensors = Record<string, Tensor>;

/** An input or output as config.json declares it; `dims` exclude the batch dimension. */
export interface TensorSpec {
  readonly name: string;
  readonly datatype: DataType;
  readonly dims: readonly number[];
}

/** An output asked of another model, optionally as its top k classes (Triton's classification). */
export interface RequestedOutput {
  readonly name: string;
  readonly classification?: number;
}

/** Options of a call to another served model. */
export interface InferOptions {
  /** The version to call; default: the model's newest served version. */
  readonly version?: string;
  /** Outputs to return; default: all of them. */
  readonly outputs?: readonly (string | RequestedOutput)[];
}

/** What a handler knows of its model version, and what it can run. */
export interface ModelContext {
  /** The model's name (its directory in the repository). */
  readonly name: string;
  readonly version: number;
  /** config.json `parameters`, each as a string. */
  readonly parameters: Readonly<Record<string, string>>;
  /** config.json `max_batch_size`: > 0 means requests may be batched together. */
  readonly maxBatchSize: number;
  /** The inputs and outputs config.json declares (what V2 clients send and receive). */
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  /** The version directory: where vocabularies, label maps and other side files live. */
  readonly directory: string;
  /** Whether the version directory holds a model.onnx that `run` executes. */
  readonly hasModel: boolean;
  /**
   * Runs this version's model.onnx on the handler's own thread; `outputs` narrows the outputs
   * (default: all). Rejects when the version has no model.onnx. Takes ownership of the inputs.
   */
  run(inputs: Tensors, outputs?: readonly string[]): Promise<Tensors>;
  /**
   * Calls another served model by name (Triton's BLS) through Perch's data plane, as a client
   * would: its validation, batching, statistics and errors apply. A failure rejects with a
   * HandlerError carrying the callee's code (INVALID_ARG for its 400s, NOT_FOUND, UNAVAILABLE).
   */
  infer(model: string, inputs: Tensors, options?: InferOptions): Promise<Tensors>;
}

/**
 * A model written in code. Every method is optional:
 * - `preprocess` turns the batch's rows (business JSON as the client sent it, or, for V2, one
 *   object per row keyed by input name) into what `predict` takes; default: the rows themselves.
 * - `predict` runs the model; default: `context.run` on this version's model.onnx.
 * - `postprocess` answers each row, in order; default: `predict`'s result, which must then be
 *   an array with one answer per row.
 */
export interface Handler<Row = unknown, Answer = unknown, Prepared = Tensors, Predicted = Tensors> {
  /** Once per instance, before any request: read side files, check parameters. A throw fails the load. */
  load?(context: ModelContext): void | Promise<void>;
  preprocess?(rows: Row[], context: ModelContext): Prepared | Promise<Prepared>;
  predict?(inputs: Prepared, context: ModelContext): Predicted | Promise<Predicted>;
  postprocess?(
    outputs: Predicted,
    rows: Row[],
    context: ModelContext,
  ): Answer[] | Promise<Answer[]>;
  /** When the version is unloaded or replaced. */
  unload?(): void | Promise<void>;
}

/**
 * Error codes a handler may answer with, named as Triton's TritonError names them; each maps to
 * an HTTP status (and a gRPC code): INVALID_ARG 400, NOT_FOUND 404, UNAVAILABLE 503, UNSUPPORTED 501.
 */
export type HandlerErrorCode = 'INVALID_ARG' | 'NOT_FOUND' | 'UNAVAILABLE' | 'UNSUPPORTED';

/** The codes, for checks at run time. */
export const HANDLER_ERROR_CODES: readonly HandlerErrorCode[] = [
  'INVALID_ARG',
  'NOT_FOUND',
  'UNAVAILABLE',
  'UNSUPPORTED',
];

/**
 * The error a handler throws to answer a client with a status and a message of its own. Anything
 * else thrown is a 500 with a generic message; its details go to the server log only.
 */
export class HandlerError extends Error {
  constructor(
    readonly code: HandlerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}
