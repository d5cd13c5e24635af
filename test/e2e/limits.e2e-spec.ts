import { deflateSync, gzipSync } from 'node:zlib';
import { call, FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

const LIMIT = 4096;

const body = (fill: number): string =>
  JSON.stringify({
    inputs: ['INPUT0', 'INPUT1'].map((name) => ({
      name,
      shape: [1, 16],
      datatype: 'INT32',
      data: new Array(16).fill(fill),
    })),
    outputs: [{ name: 'OUTPUT0' }],
  });

describe(`request body limits (MAX_REQUEST_BYTES=${LIMIT})`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS, MAX_REQUEST_BYTES: String(LIMIT) });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 413 in the error format past the limit', async () => {
    const padded = body(1).replace('{', `{"id":"${'x'.repeat(LIMIT)}",`);
    const res = await call(app, 'POST', '/v2/models/simple/infer', padded);
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({
      error: `request body exceeds MAX_REQUEST_BYTES (${LIMIT} bytes)`,
    });
  });

  it('accepts gzip and deflate request bodies', async () => {
    for (const [encoding, zip] of [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
    ] as const) {
      const res = await call(app, 'POST', '/v2/models/simple/infer', zip(Buffer.from(body(2))), {
        'content-encoding': encoding,
      });
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({
        outputs: [{ name: 'OUTPUT0', data: new Array(16).fill(4) }],
      });
    }
  });

  it('counts the limit after decompression: a small gzip bomb is a 413', async () => {
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(LIMIT);
    const res = await call(app, 'POST', '/v2/models/simple/infer', bomb, {
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(413);
  });

  it('answers an unknown Content-Encoding with 415', async () => {
    const res = await call(app, 'POST', '/v2/models/simple/infer', body(1), {
      'content-encoding': 'snappy',
    });
    expect(res.status).toBe(415);
    expect(res.json<{ error: string }>().error).toContain('unsupported Content-Encoding');
  });

  it('answers a corrupt gzip body with 400', async () => {
    const res = await call(app, 'POST', '/v2/models/simple/infer', Buffer.from('not gzip at all'), {
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(400);
    expect(res.json<{ error: string }>().error).toContain('could not read request body');
  });

  it('still serves after all of them', async () => {
    expect((await call(app, 'POST', '/v2/models/simple/infer', body(3))).status).toBe(200);
  });
});
