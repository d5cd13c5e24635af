import { Tensor } from '../../../common/tensor/tensor';
import { HandlerError, HandlerErrorCode } from '../../../handlers';
import { CallResult, ModelCall, transferables } from '../pool/pool-protocol';

/** The serving error codes of a called model, as the HandlerError code a handler sees. */
const CALLEE_CODES: Readonly<Record<string, HandlerErrorCode>> = {
  INVALID_INPUT: 'INVALID_ARG',
  PAYLOAD_TOO_LARGE: 'INVALID_ARG',
  MODEL_NOT_FOUND: 'NOT_FOUND',
  MODEL_NOT_READY: 'UNAVAILABLE',
  QUEUE_FULL: 'UNAVAILABLE',
  TIMEOUT: 'UNAVAILABLE',
  UNSUPPORTED: 'INVALID_ARG',
  NOT_IMPLEMENTED: 'UNSUPPORTED',
};

/**
 * A pool thread's side of handler calls to other models (BLS): each call goes to the main
 * thread, which runs it through the data plane, and comes back as `call-result` or `call-failed`.
 * Every call settles: the main thread answers each one, and a thread that is replaced takes its
 * pending calls with it.
 */
export class CallBridge {
  private readonly pending = new Map<
    number,
    { resolve: (t: Tensor[]) => void; reject: (e: Error) => void }
  >();
  private next = 0;

  constructor(private readonly post: (call: ModelCall, transfer: ArrayBuffer[]) => void) {}

  /** Takes ownership of the inputs' buffers (transferred). */
  call(
    model: string,
    version: string | undefined,
    inputs: Tensor[],
    outputs: ModelCall['outputs'],
  ): Promise<Tensor[]> {
    const call = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(call, { resolve, reject });
      this.post({ type: 'call', call, model, version, inputs, outputs }, transferables(inputs));
    });
  }

  settle(result: CallResult): void {
    const waiting = this.pending.get(result.call);
    if (!waiting) return;
    this.pending.delete(result.call);
    if (result.type === 'call-result') return waiting.resolve(result.outputs);
    const code = CALLEE_CODES[result.code];
    waiting.reject(code ? new HandlerError(code, result.message) : new Error(result.message));
  }
}
