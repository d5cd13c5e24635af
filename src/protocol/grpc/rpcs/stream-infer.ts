import { Caller, GrpcCallRunner } from '../call/grpc-call-runner';
import { GrpcError, GrpcStatus } from '../transport/grpc-status';
import { ServerCall } from '../transport/server-call';

/** Requests of one stream answered at once; reading waits past it (HTTP/2 flow control holds the client). */
const MAX_PENDING_PER_STREAM = 64;

const CLOSING = Symbol('closing');

/**
 * ModelStreamInfer: every request on the stream is answered as soon as its own inference
 * finishes, so requests for different models interleave and a slow model never holds up a fast
 * one (clients match answers by `id`, as with Triton). A failed request is answered with
 * `error_message` and its `id`, and the stream goes on, as Triton does. When the server drains,
 * the stream stops taking requests, finishes those in flight, then ends UNAVAILABLE.
 */
export class StreamInfer {
  constructor(
    private readonly infer: (message: unknown) => Promise<object>,
    private readonly runner: GrpcCallRunner,
  ) {}

  async serve(call: ServerCall, caller: Caller): Promise<void> {
    const pending = new Set<Promise<void>>();
    const closing = new Promise<typeof CLOSING>((resolve) => {
      if (call.closing.aborted) resolve(CLOSING);
      call.closing.addEventListener('abort', () => resolve(CLOSING), { once: true });
    });
    try {
      for (;;) {
        if (pending.size >= MAX_PENDING_PER_STREAM) await Promise.race(pending);
        const message = await Promise.race([call.read(), closing]);
        if (message === undefined || message === CLOSING || call.signal.aborted) break;
        const answered: Promise<void> = this.answer(call, caller, message).finally(() =>
          pending.delete(answered),
        );
        pending.add(answered);
      }
    } finally {
      // Whatever ends the reading (half-close, drain, a malformed message), the requests already
      // taken are answered before the status.
      await Promise.allSettled(pending);
    }
    if (call.closing.aborted)
      throw new GrpcError(GrpcStatus.UNAVAILABLE, 'the server is shutting down');
  }

  private async answer(call: ServerCall, caller: Caller, message: unknown): Promise<void> {
    let response: object;
    try {
      await this.runner.throttle('ModelStreamInfer', caller);
      response = { error_message: '', infer_response: await this.infer(message) };
    } catch (e) {
      const error = this.runner.failure(call, e);
      const id = (message as { id?: unknown }).id;
      response = {
        error_message: error.message,
        infer_response: { id: typeof id === 'string' ? id : '' },
      };
    }
    await call.write(response);
  }
}
