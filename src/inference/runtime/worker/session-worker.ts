import { parentPort } from 'node:worker_threads';
import { LoadedSession } from '../model-runner';
import { OnnxModelRunner } from '../onnx-model-runner';
import { monotonicNs, newRunTrace } from '../run-trace';
import { FromWorker, ToWorker, transferables } from './worker-protocol';

/**
 * Entry point of one session worker thread: holds one ONNX Runtime session, so session.run
 * (synchronous native work) never blocks the event loop that serves HTTP and probes.
 * Input tensors arrive transferred; outputs go back transferred.
 */
const port = parentPort;
if (!port) throw new Error('session-worker must run in a worker thread');

let session: LoadedSession | undefined;

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'load') {
    new OnnxModelRunner().load(message.model, message.options).then(
      (loaded) => {
        session = loaded;
        send({ type: 'loaded', inputs: [...loaded.inputs], outputs: [...loaded.outputs] });
      },
      (e: unknown) => send({ type: 'load-failed', message: (e as Error).message }),
    );
    return;
  }
  const { id } = message;
  const receivedAt = monotonicNs();
  if (!session) {
    send({ type: 'failed', id, message: 'session is not loaded' });
    return;
  }
  const trace = newRunTrace();
  session.run(message.inputs, message.outputNames, trace).then(
    (outputs) => {
      const timing = {
        receivedAt,
        inputNs: trace.computeInputNs,
        inferNs: trace.computeInferNs,
        outputNs: trace.computeOutputNs,
        sentAt: monotonicNs(),
      };
      send({ type: 'result', id, outputs, timing }, transferables(outputs));
    },
    (e: unknown) => send({ type: 'failed', id, message: (e as Error).message }),
  );
});
