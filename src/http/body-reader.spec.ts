import { createServer, IncomingMessage, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { BodyReader } from './body-reader';
import { InflateSlots } from './inflate-slots';

/** A real HTTP server whose one handler reads each body with `reader` and answers what happened. */
function serve(reader: BodyReader): Promise<{ server: Server; port: number }> {
  const server = createServer((req: IncomingMessage, res) => {
    reader.read(req).then(
      (body) => res.end(JSON.stringify({ bytes: body.length, text: body.toString().slice(0, 40) })),
      (e: Error & { code?: string }) => {
        res.setHeader('Connection', 'close');
        res.end(JSON.stringify({ code: e.code, error: e.message }));
      },
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port }),
    ),
  );
}

function post(port: number, body: Buffer, headers: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const MAX = 4 * 1024 * 1024;

describe('BodyReader (a real HTTP server)', () => {
  let port: number;
  let server: Server;
  beforeAll(async () => {
    ({ server, port } = await serve(
      new BodyReader({ maxBytes: MAX, maxInflateRatio: 100 }, new InflateSlots(2)),
    ));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const text = Buffer.from('{"inputs": [1, 2, 3]}');
  it.each([
    ['a plain body', text, {}, { bytes: text.length, text: text.toString() }],
    ['gzip', gzipSync(text), { 'content-encoding': 'gzip' }, { bytes: text.length }],
    ['deflate', deflateSync(text), { 'content-encoding': 'DEFLATE' }, { bytes: text.length }],
    ['br', brotliCompressSync(text), { 'content-encoding': 'br' }, { bytes: text.length }],
    ['an empty Content-Encoding as none', text, { 'content-encoding': '' }, { bytes: text.length }],
    [
      'a plain body past the cap',
      Buffer.alloc(MAX + 1, 0x20),
      {},
      { code: 'PAYLOAD_TOO_LARGE', error: `request body exceeds MAX_REQUEST_BYTES (${MAX} bytes)` },
    ],
    [
      'a gzip body inflating past the ratio after its first MiB',
      gzipSync(Buffer.alloc(3 * 1024 * 1024)),
      { 'content-encoding': 'gzip' },
      { code: 'PAYLOAD_TOO_LARGE', error: expect.stringContaining('MAX_INFLATE_RATIO') },
    ],
    [
      'a highly compressible body under a MiB',
      gzipSync(Buffer.alloc(1024 * 1024)),
      { 'content-encoding': 'gzip' },
      { bytes: 1024 * 1024 },
    ],
    [
      'an unknown encoding',
      text,
      { 'content-encoding': 'snappy' },
      { code: 'UNSUPPORTED_ENCODING', error: 'unsupported Content-Encoding: snappy' },
    ],
    [
      'corrupt gzip',
      text,
      { 'content-encoding': 'gzip' },
      { code: 'INVALID_INPUT', error: 'could not read request body: incorrect header check' },
    ],
  ])('%s', async (_name, body, headers, expected) => {
    expect(await post(port, body, headers)).toMatchObject(expected);
  });

  it('answers a declared Content-Length past the cap before any body arrives', async () => {
    const answer = await new Promise((resolve) => {
      const req = request(
        {
          port,
          host: '127.0.0.1',
          method: 'POST',
          headers: { 'content-length': String(MAX * 10) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
        },
      );
      req.on('error', () => undefined);
      req.write('{');
    });
    expect(answer).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
