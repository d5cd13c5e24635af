import 'reflect-metadata';
import { parentPort } from 'node:worker_threads';
import { JsonJob, failureOf, resultBuffers, runJsonJob } from './jobs';
import { JobReply, JobRequest } from './thread-protocol';

/**
 * Entry point of the JSON thread: runs one job at a time, in arrival order, and sends the
 * tensors back transferred. Its heap holds whatever a large body costs to parse, so the
 * event loop's garbage collector never has to walk it.
 */
const port = parentPort;
if (!port) throw new Error('json-thread.worker must run in a worker thread');

/** Buffers arrive as plain Uint8Arrays: the codecs expect Node Buffers over the same bytes. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function revive(job: JsonJob): JsonJob {
  if (job.kind === 'v1') return { ...job, json: asBuffer(job.json) };
  return { ...job, json: asBuffer(job.json), binary: job.binary && asBuffer(job.binary) };
}

port.on('message', ({ id, job }: JobRequest) => {
  let reply: JobReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const result = runJsonJob(revive(job));
    transfer = resultBuffers(result);
    reply = { id, result };
  } catch (e) {
    reply = { id, failure: failureOf(e) };
  }
  port.postMessage(reply, transfer);
});
