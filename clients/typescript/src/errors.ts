/**
 * The server answered with an error status. `error` is the server's own message (the protocol's
 * `{"error": "..."}` body; the raw body text when the answer was not in that form).
 */
export class InferenceServerError extends Error {
  override readonly name = 'InferenceServerError';

  constructor(
    readonly status: number,
    readonly error: string,
    /** The answer's `X-Request-Id`, when it had one: the key to the server's log lines. */
    readonly requestId?: string,
  ) {
    super(`${status}: ${error}`);
  }
}

/** No answer within the call's timeout. */
export class InferenceTimeoutError extends Error {
  override readonly name = 'InferenceTimeoutError';

  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** The request could not be sent or its answer not read (refused connection, reset, DNS). */
export class InferenceConnectionError extends Error {
  override readonly name = 'InferenceConnectionError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The server's answer does not follow the protocol (a binary section of the wrong size). */
export class InferenceProtocolError extends Error {
  override readonly name = 'InferenceProtocolError';
}
