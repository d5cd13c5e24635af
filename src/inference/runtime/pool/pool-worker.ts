import { parentPort } from 'node:worker_threads';
import { CallBridge } from '../handlers/call-bridge';
import { faultOf, HandlerHost, loadFailureOf } from '../handlers/handler-host';
import { LoadedSession } from '../model-runner';
import { monotonicNs, newRunTrace } from '../run-trace';
import { FromPool, PoolBatch, ToPool, transferables } from './pool-protocol';

/**
 * Entry point of one pool thread: hosts the ONNX Runtime sessions of any number of model
 * versions and carries out instructions strictly in arrival order, one at a time (a run holds
 * the thread; a run queued behind a load waits for that load). Inputs arrive transferred;
 * outputs go back transferred, each answer as soon as it is ready.
 */
const port = parentPort;
if (!port) throw new Error('pool-worker must run in a worker thread');

const sessions = new Map<number, LoadedSession>();
let line: Promise<void> = Promise.resolve();

function send(message: FromPool, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

/**
 * onnxruntime-node, loaded with the thread's first model, not at start: a process that exits
 * before loading any (a boot that fails on a missing repository) must not end while a thread is
 * still initialising the native addon, which aborts the process (SIGABRT) instead of exiting 1.
 */
function onnxRuntime(): Promise<typeof import('../onnx-model-runner')> {
  return import('../onnx-model-runner');
}

const bridge = new CallBridge((call, transfer) => send(call, transfer));
const handlers = new HandlerHost(bridge);

/** Whether a message is handler work, which does not wait in the line (see HandlerHost). */
function isHandlerWork(message: ToPool): boolean {
  switch (message.type) {
    case 'load':
      return message.handler !== undefined;
    case 'call-result':
    case 'call-failed':
      return true;
    default:
      return handlers.has(message.session);
  }
}

async function handleHandler(message: ToPool, receivedAt: number): Promise<void> {
  if (message.type === 'load' && message.handler) {
    try {
      const { inputs, outputs } = await handlers.load(
        message.session,
        message.handler,
        message.model,
        message.settings,
      );
      send({ type: 'loaded', session: message.session, inputs, outputs });
    } catch (e) {
      const reason = loadFailureOf(e, message.handler.file);
      send({ type: 'load-failed', session: message.session, message: reason });
    }
    return;
  }
  if (message.type === 'run' && handlers.has(message.session)) {
    try {
      const started = monotonicNs();
      const outputs = await handlers.run(message.session, [...message.inputs], message.outputNames);
      const sentAt = monotonicNs();
      const timing = { receivedAt, inputNs: 0, inferNs: sentAt - started, outputNs: 0, sentAt };
      send({ type: 'result', id: message.id, outputs, timing }, transferables(outputs));
    } catch (e) {
      send({ type: 'failed', id: message.id, ...faultOf(e) });
    }
    return;
  }
  if (message.type === 'dispose') {
    // A failing unload() is the author's problem; the session is gone either way.
    await handlers.dispose(message.session).catch(() => undefined);
    return;
  }
  if (message.type === 'call-result' || message.type === 'call-failed') bridge.settle(message);
}

async function handle(message: ToPool, receivedAt: number): Promise<void> {
  switch (message.type) {
    case 'load':
      try {
        const { createOnnxSession } = await onnxRuntime();
        const session = await createOnnxSession(message.model, message.settings);
        sessions.set(message.session, session);
        send({
          type: 'loaded',
          session: message.session,
          inputs: [...session.inputs],
          outputs: [...session.outputs],
        });
      } catch (e) {
        send({ type: 'load-failed', session: message.session, message: (e as Error).message });
      }
      return;
    case 'dispose': {
      const session = sessions.get(message.session);
      sessions.delete(message.session);
      await session?.dispose();
      return;
    }
    case 'call-result':
    case 'call-failed':
      return;
    case 'run': {
      const session = sessions.get(message.session);
      if (!session) {
        send({ type: 'failed', id: message.id, message: 'the session is not loaded' });
        return;
      }
      const trace = newRunTrace();
      try {
        const outputs = await session.run(message.inputs, message.outputNames, trace);
        const timing = {
          receivedAt,
          inputNs: trace.computeInputNs,
          inferNs: trace.computeInferNs,
          outputNs: trace.computeOutputNs,
          sentAt: monotonicNs(),
        };
        send({ type: 'result', id: message.id, outputs, timing }, transferables(outputs));
      } catch (e) {
        send({ type: 'failed', id: message.id, message: (e as Error).message });
      }
    }
  }
}

port.on('message', (batch: PoolBatch) => {
  const receivedAt = monotonicNs();
  for (const message of batch.messages) {
    if (isHandlerWork(message)) void handleHandler(message, receivedAt);
    else line = line.then(() => handle(message, receivedAt));
  }
});
