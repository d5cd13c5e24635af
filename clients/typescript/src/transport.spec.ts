import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PerchClient } from './client';
import { InferenceConnectionError, InferenceServerError, InferenceTimeoutError } from './errors';

/** A real HTTP server: /slow never answers, /v2 answers a protocol error, anything else 502 text. */
function server(): Promise<{ url: string; close: () => Promise<void> }> {
  const held: (() => void)[] = [];
  const s: Server = createServer((req, res) => {
    if (req.url === '/v2/models/slow') return held.push(() => res.destroy());
    if (req.url === '/v2')
      return res
        .writeHead(404, { 'Content-Type': 'application/json', 'X-Request-Id': 'r-7' })
        .end('{"error":"no such thing"}');
    res.writeHead(502).end('bad gateway');
  });
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
        close: () => {
          held.forEach((f) => f());
          return new Promise((r) => s.close(() => r()));
        },
      }),
    ),
  );
}

describe('PerchClient transport', () => {
  let srv: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => {
    srv = await server();
  });
  afterAll(() => srv.close());

  it("rejects an error answer with InferenceServerError carrying the status, the server's message and the request id", async () => {
    const e = await new PerchClient({ baseUrl: srv.url }).serverMetadata().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InferenceServerError);
    expect(e).toMatchObject({ status: 404, error: 'no such thing', requestId: 'r-7' });
  });

  it('keeps the body text when the answer is not {"error"}', async () => {
    const e = await new PerchClient({ baseUrl: srv.url }).modelConfig('x').catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 502, error: 'bad gateway' });
  });

  it('gives up after timeoutMs with InferenceTimeoutError', async () => {
    const client = new PerchClient({ baseUrl: srv.url, timeoutMs: 5000 });
    const e = await client
      .modelMetadata('slow', undefined, { timeoutMs: 100 })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InferenceTimeoutError);
    expect((e as InferenceTimeoutError).timeoutMs).toBe(100);
  });

  it("stops when the caller's AbortSignal fires, with the signal's reason", async () => {
    const controller = new AbortController();
    const call = new PerchClient({ baseUrl: srv.url }).modelMetadata('slow', undefined, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('user left')), 50);
    await expect(call).rejects.toThrow('user left');
  });

  it('rejects with InferenceConnectionError when nothing listens', async () => {
    const closed = await server();
    await closed.close();
    const e = await new PerchClient({ baseUrl: closed.url })
      .serverMetadata()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InferenceConnectionError);
  });
});
