import { ServingError, ServingErrorCode } from '../common/errors/serving.errors';
import { RunTrace } from './runtime/run-trace';

/** Whose fault a finished inference was, if anyone's: the split a 2xx/4xx/5xx status makes. */
export type InferenceOutcome = 'success' | 'client_error' | 'server_error';

/** One finished inference request, as the data plane saw it. Times in ns. */
export interface InferenceRecord {
  readonly model: string;
  readonly version: string;
  /** The adapter that called (`v2`, `v1`, …): a fixed name per adapter, never client input. */
  readonly protocol: string;
  readonly outcome: InferenceOutcome;
  /** Rows the request carried: its batch size, or 1 for a model without a batch dimension. */
  readonly rows: number;
  /** From the data plane taking the request to its answer or error: validation, queue, compute. */
  readonly durationNs: number;
  /** When it finished, in ms since the epoch (Triton's last_inference). */
  readonly finishedAtMs: number;
  /** Queue and compute times and the execution it ran in; on success only, as Triton counts them. */
  readonly trace?: Readonly<RunTrace>;
}

/**
 * A sink for finished inferences (metrics, request logs). Called synchronously once per request,
 * after the answer or error is known and before infer() settles; must not throw.
 */
export interface InferenceObserver {
  inferred(record: InferenceRecord): void;
}

/**
 * Outcome of each error code. Exhaustive, so a new code needs a decision here; it follows the
 * HTTP status class the protocol filter gives the code (QUEUE_FULL is a 429, so a client error).
 */
const OUTCOME: Readonly<Record<ServingErrorCode, InferenceOutcome>> = {
  INVALID_INPUT: 'client_error',
  UNSUPPORTED: 'client_error',
  MODEL_NOT_FOUND: 'client_error',
  PAYLOAD_TOO_LARGE: 'client_error',
  REQUEST_TIMEOUT: 'client_error',
  UNSUPPORTED_ENCODING: 'client_error',
  QUEUE_FULL: 'client_error',
  RATE_LIMITED: 'client_error',
  UNAUTHENTICATED: 'client_error',
  FORBIDDEN: 'client_error',
  INTERNAL: 'server_error',
  NOT_IMPLEMENTED: 'server_error',
  MODEL_NOT_READY: 'server_error',
  TIMEOUT: 'server_error',
  OVERLOADED: 'server_error',
};

/** The outcome of a failed inference: by code for ServingErrors, a server error for anything else. */
export function outcomeOf(error: unknown): InferenceOutcome {
  return error instanceof ServingError ? OUTCOME[error.code] : 'server_error';
}
