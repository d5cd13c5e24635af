import { parentPort } from 'node:worker_threads';
import { LoadedSession } from '../model-runner';
import { createOnnxSession } from '../onnx-model-runner';
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

async function handle(message: ToPool, receivedAt: number): Promise<void> {
  switch (message.type) {
    case 'load':
      try {
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
  for (const message of batch.messages) line = line.then(() => handle(message, receivedAt));
});
