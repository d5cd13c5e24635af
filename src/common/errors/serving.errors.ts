/**
 * Stable error codes of the serving core. They say nothing about HTTP: each protocol adapter
 * maps them to its own status codes in one place.
 */
export type ServingErrorCode =
  | 'MODEL_NOT_FOUND'
  | 'MODEL_NOT_READY'
  | 'INVALID_INPUT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED'
  | 'NOT_IMPLEMENTED'
  | 'UNSUPPORTED_ENCODING'
  | 'QUEUE_FULL'
  | 'OVERLOADED'
  | 'RATE_LIMITED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'TIMEOUT'
  | 'REQUEST_TIMEOUT'
  | 'INTERNAL';

/** Base class of every error the core throws on purpose. The message is safe to show a client. */
export abstract class ServingError extends Error {
  abstract readonly code: ServingErrorCode;
}

export class ModelNotFoundError extends ServingError {
  readonly code = 'MODEL_NOT_FOUND';
}

export class ModelNotReadyError extends ServingError {
  readonly code = 'MODEL_NOT_READY';
}

export class InvalidInputError extends ServingError {
  readonly code = 'INVALID_INPUT';
}

export class PayloadTooLargeError extends ServingError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}

export class UnsupportedError extends ServingError {
  readonly code = 'UNSUPPORTED';
}

/** A model's own code does not implement what was asked (a handler's UNSUPPORTED). */
export class NotImplementedError extends ServingError {
  readonly code = 'NOT_IMPLEMENTED';
}

export class InternalError extends ServingError {
  readonly code = 'INTERNAL';
}

export class UnsupportedEncodingError extends ServingError {
  readonly code = 'UNSUPPORTED_ENCODING';
}

/** The server's memory budget for requests is spent: retry after a moment (503 + Retry-After). */
export class OverloadedError extends ServingError {
  readonly code = 'OVERLOADED';
}

/** A bounded queue is full; the client should retry later. */
export class QueueFullError extends ServingError {
  readonly code = 'QUEUE_FULL';
}

/** A request waited longer than its queue allowed. */
export class TimeoutError extends ServingError {
  readonly code = 'TIMEOUT';
}

/** The client did not send its whole request in the time the server allows (slow client). */
export class RequestTimeoutError extends ServingError {
  readonly code = 'REQUEST_TIMEOUT';
}

/** No credentials, or not the kind the endpoint takes. */
export class UnauthenticatedError extends ServingError {
  readonly code = 'UNAUTHENTICATED';
}

/** Credentials given, but they do not open this endpoint. */
export class ForbiddenError extends ServingError {
  readonly code = 'FORBIDDEN';
}

/** A client made more requests (or failed attempts) than it may; it may retry after the delay. */
export class RateLimitedError extends ServingError {
  readonly code = 'RATE_LIMITED';

  constructor(
    message: string,
    /** Whole seconds until the client may try again (the Retry-After header). */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
