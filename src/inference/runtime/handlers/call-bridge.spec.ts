import { HandlerError } from '../../../handlers';
import { ModelCall } from '../pool/pool-protocol';
import { CallBridge } from './call-bridge';

describe('CallBridge', () => {
  const posted: ModelCall[] = [];
  const bridge = new CallBridge((call) => posted.push(call));

  it('posts each call with its own id and resolves it with its answer', async () => {
    const a = bridge.call('langid', undefined, [], [{ name: 'probabilities', classification: 3 }]);
    const b = bridge.call('iris', '1', [], undefined);
    expect(posted.map((p) => [p.call, p.model, p.version])).toEqual([
      [0, 'langid', undefined],
      [1, 'iris', '1'],
    ]);
    bridge.settle({ type: 'call-result', call: 1, outputs: [] });
    bridge.settle({ type: 'call-result', call: 0, outputs: [] });
    await expect(Promise.all([a, b])).resolves.toEqual([[], []]);
  });

  it.each([
    ['INVALID_INPUT', 'INVALID_ARG'],
    ['MODEL_NOT_FOUND', 'NOT_FOUND'],
    ['MODEL_NOT_READY', 'UNAVAILABLE'],
    ['QUEUE_FULL', 'UNAVAILABLE'],
    ['TIMEOUT', 'UNAVAILABLE'],
    ['NOT_IMPLEMENTED', 'UNSUPPORTED'],
  ])("rejects a callee's %s as a HandlerError %s", async (code, handlerCode) => {
    const call = bridge.call('m', undefined, [], undefined);
    bridge.settle({ type: 'call-failed', call: posted.at(-1)!.call, code, message: 'why' });
    await expect(call).rejects.toEqual(new HandlerError(handlerCode as 'NOT_FOUND', 'why'));
  });

  it("rejects a callee's internal error as a plain Error (a 500 for the caller's client)", async () => {
    const call = bridge.call('m', undefined, [], undefined);
    bridge.settle({
      type: 'call-failed',
      call: posted.at(-1)!.call,
      code: 'INTERNAL',
      message: 'x',
    });
    await expect(call).rejects.not.toBeInstanceOf(HandlerError);
  });
});
