import type { IncomingMessage } from 'node:http';

/** The Node request under either adapter (Fastify wraps it as `raw`; Express extends it). */
export function nodeRequest(req: IncomingMessage | { raw: IncomingMessage }): IncomingMessage {
  return 'raw' in req ? req.raw : req;
}

/** The peer address of a request: the socket's, never a header a client could forge. */
export function clientAddress(req: IncomingMessage): string {
  return req.socket?.remoteAddress ?? 'unknown';
}
