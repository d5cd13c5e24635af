import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InternalError, InvalidInputError } from '../../../common/errors/serving.errors';
import { WorkerScript } from '../../../inference/runtime/pool/thread-state';
import { decodeV2PlainRequest, PlainV2Request } from '../../v2/codecs/v2-json.codec';
import { parseJsonBody } from '../json-body';
import { JsonThread } from './json-thread';

const BODY = Buffer.from(
  '{"id":"r","parameters":{"p":1},"inputs":[{"name":"a","shape":[2,2],"datatype":"FP32","data":[[1.5,2],[3,4]]},' +
    '{"name":"s","shape":[1],"datatype":"BYTES","data":["x"]}],"outputs":[{"name":"y","parameters":{"binary_data":false}}]}',
);

/**
 * A decoded request compared as values: what crosses from the thread is built in Node's own realm,
 * not Jest's, and a null-prototype map arrives as a plain object.
 */
function plain(decoded: PlainV2Request): unknown {
  const inputs = decoded.request.inputs.map((t) => ({
    ...t,
    data: Array.from(t.data as ArrayLike<unknown>),
    storage: t.data.constructor.name,
  }));
  return JSON.parse(JSON.stringify({ ...decoded, request: { ...decoded.request, inputs } }));
}

describe('JsonThread', () => {
  const threads: JsonThread[] = [];
  const started = (thread = new JsonThread()): JsonThread => {
    threads.push(thread);
    return thread;
  };

  afterAll(() => Promise.all(threads.map((t) => t.onApplicationShutdown())));

  it('decodes a V2 body to what the event loop decodes it to, and counts it', async () => {
    const thread = started();
    const decoded = await thread.run({ kind: 'v2', json: Buffer.from(BODY) });
    expect(plain(decoded)).toEqual(plain(decodeV2PlainRequest(parseJsonBody(BODY))));
    expect(decoded.request.inputs[0].data.constructor.name).toBe('Float32Array');
    expect(thread.state).toEqual({ sent: 1, pending: 0 });
  });

  it('moves a body that owns its buffer rather than copying it', async () => {
    const json = Buffer.alloc(BODY.length);
    BODY.copy(json);
    const decoding = started().run({ kind: 'v2', json });
    expect(json.length).toBe(0);
    expect((await decoding).id).toBe('r');
  });

  it("fails with the codec's own error and message", async () => {
    const json = Buffer.from(
      '{"inputs":[{"name":"a","shape":[1],"datatype":"UINT8","data":[256]}]}',
    );
    const failure = started().run({ kind: 'v2', json });
    await expect(failure).rejects.toBeInstanceOf(InvalidInputError);
    await expect(failure).rejects.toThrow(
      "input 'a' (UINT8): element 0 is 256, expected an integer in [0, 255]",
    );
  });

  it('fails the bodies a dead thread held with InternalError, and starts a new one for the next', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perch-decode-'));
    try {
      const dying = join(dir, 'dying.js');
      writeFileSync(
        dying,
        "require('node:worker_threads').parentPort.on('message', () => process.exit(3));",
      );
      class DyingThread extends JsonThread {
        protected override readonly script: WorkerScript = { file: dying, execArgv: [] };
      }
      const thread = started(new DyingThread());
      const first = thread.run({ kind: 'v2', json: Buffer.from(BODY) });
      await expect(first).rejects.toBeInstanceOf(InternalError);
      expect(thread.state.pending).toBe(0);
      await expect(thread.run({ kind: 'v2', json: Buffer.from(BODY) })).rejects.toBeInstanceOf(
        InternalError,
      );
      expect(thread.state.sent).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
