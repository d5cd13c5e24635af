import { ServingError } from '../../../common/errors/serving.errors';
import { CallResult, ModelCall, transferables } from './pool-protocol';
import { CallRouter } from './thread-state';

/**
 * Runs one handler's call to another model through `route` and answers it with `answer`: the
 * outputs (transferred), or the error's code and message. Every call is answered; an error that
 * is not a ServingError is answered INTERNAL with a generic message (its details stay here).
 */
export function answerModelCall(
  call: ModelCall,
  route: CallRouter | undefined,
  answer: (result: CallResult, transfer: ArrayBuffer[]) => void,
): void {
  (route ? route(call) : Promise.reject(new Error('calls to other models are not routed'))).then(
    (outputs) => answer({ type: 'call-result', call: call.call, outputs }, transferables(outputs)),
    (e: unknown) =>
      answer(
        {
          type: 'call-failed',
          call: call.call,
          code: e instanceof ServingError ? e.code : 'INTERNAL',
          message: e instanceof ServingError ? e.message : 'the called model failed',
        },
        [],
      ),
  );
}
