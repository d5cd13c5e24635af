import { connect } from 'node:net';
import { TestApp } from './test-app';

/** One answer read off the wire: status, lower-case header names, the body's bytes. */
export interface RawReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly text: string;
}

/**
 * A request's bytes as a client would write them: Host and Connection: close, Content-Length
 * when there is a body, then `headers` (which may replace those). A string or Buffer body is
 * sent as-is, anything else as JSON text. Header values are written as latin1, so they may hold
 * any byte but CR and LF.
 */
export function httpRequest(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Buffer {
  const bytes =
    body === undefined
      ? undefined
      : Buffer.isBuffer(body)
        ? body
        : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const all: Record<string, string> = { host: 'perch', connection: 'close' };
  if (bytes) all['content-length'] = String(bytes.length);
  Object.assign(all, headers);
  const head = Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`);
  return Buffer.concat([
    Buffer.from(`${method} ${path} HTTP/1.1\r\n${head.join('')}\r\n`, 'latin1'),
    bytes ?? Buffer.alloc(0),
  ]);
}

/**
 * Writes `bytes` on a fresh connection and reads the one answer until the server closes the
 * connection (every request from httpRequest says Connection: close). Rejects when no answer
 * arrives within `timeoutMs`, so a hanging server fails the test instead of stalling it.
 */
export function sendRaw(app: TestApp, bytes: Buffer, timeoutMs = 10_000): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // Not end(): a half-closed connection may lose an answer the server writes asynchronously.
    const socket = connect(Number(new URL(app.url).port), '127.0.0.1', () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      let all = Buffer.concat(chunks);
      // An interim answer (100 Continue) comes before the real one.
      while (/^HTTP\/1\.1 1\d\d /.test(all.subarray(0, 13).toString('latin1'))) {
        all = all.subarray(all.indexOf('\r\n\r\n') + 4);
      }
      const split = all.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(all.toString())}`));
      const [statusLine, ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ]),
      );
      const body = all.subarray(split + 4);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, text: body.toString() });
    });
  });
}
