import type { TensorSpec } from '../../../handlers';

/** The default per-call limit of a handler (config.json `parameters.handler_timeout_ms`). */
export const DEFAULT_HANDLER_TIMEOUT_MS = 10_000;
/** The default limit of a handler's load (`parameters.handler_load_timeout_ms`): module, `load()`, model.onnx. */
export const DEFAULT_HANDLER_LOAD_TIMEOUT_MS = 60_000;

/**
 * What a pool thread needs to load one handler session: plain data, posted to the thread.
 * The registry builds it from config.json and the version directory.
 */
export interface HandlerSpec {
  /** Real path of model.ts / model.js, checked to lie inside the repository. */
  readonly file: string;
  readonly model: string;
  readonly version: number;
  readonly directory: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly maxBatchSize: number;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  /** Whether the version has a model.onnx (posted beside the spec) for `context.run`. */
  readonly withModel: boolean;
  /** Longest a call may take, from when it is posted to its thread, in ms. */
  readonly timeoutMs: number;
  /** Longest the load may take, in ms. */
  readonly loadTimeoutMs: number;
}

/**
 * The output name under which business records travel (/predict and V1): the data plane sends
 * a handler model one BYTES tensor of this name, one JSON text per row, and asks for this output
 * back, one JSON answer per row. Through the dynamic batcher like any tensor, so records from
 * several requests reach the handler together. Not a valid config.json tensor name (a space).
 */
export const RECORDS = 'perch records';
