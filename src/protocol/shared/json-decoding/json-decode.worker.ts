import 'reflect-metadata';
import { parentPort } from 'node:worker_threads';
import { DecodeJob, failureOf, resultBuffers, runDecodeJob } from './decode-jobs';
import { DecodeReply, DecodeRequest } from './decode-protocol';

/**
 * Entry point of the JSON decode thread: decodes one body at a time, in arrival order, and sends
 * the tensors back transferred. Its heap holds the parsed tree of a large body, so the event loop's
 * garbage collector never has to walk it.
 */
const port = parentPort;
if (!port) throw new Error('json-decode.worker must run in a worker thread');

/** Buffers arrive as plain Uint8Arrays: the codecs expect Node Buffers over the same bytes. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function revive(job: DecodeJob): DecodeJob {
  if (job.kind === 'v1') return { ...job, json: asBuffer(job.json) };
  return { ...job, json: asBuffer(job.json), binary: job.binary && asBuffer(job.binary) };
}

port.on('message', ({ id, job }: DecodeRequest) => {
  let reply: DecodeReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const result = runDecodeJob(revive(job));
    transfer = resultBuffers(result);
    reply = { id, result };
  } catch (e) {
    reply = { id, failure: failureOf(e) };
  }
  port.postMessage(reply, transfer);
});
