import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { pathOf } from '../common/url-path';

/** A client's X-Request-Id is kept only if it is this tame: it ends up in logs and headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._~:+/=@-]{1,128}$/;

/** The request id to use: the client's X-Request-Id when sane, else a fresh one from `generate`. */
export function requestIdFor(
  header: string | string[] | undefined,
  generate: () => string = randomUUID,
): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && SANE_REQUEST_ID.test(given) ? given : generate();
}

/** What the hook noted when a request arrived, before any router could rewrite `req.url`. */
export interface Arrival {
  /** performance.now() in ms. */
  readonly at: number;
  /** The path, without the query string (which may carry secrets). */
  readonly path: string;
}

const arrivals = new WeakMap<IncomingMessage, Arrival>();

/** The request's arrival, if the hook saw it. */
export function arrivalOf(req: IncomingMessage): Arrival | undefined {
  return arrivals.get(req);
}

/**
 * Gives every request an id before any framework code runs (Express or Fastify, matched route
 * or not): `req.id`, which pino-http adopts as the log's request_id, and the `X-Request-Id`
 * response header echoing it. Also notes the arrival time and path for the request log.
 */
export function tagRequests(server: Server, generate: () => string = randomUUID): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    arrivals.set(req, { at: performance.now(), path: pathOf(req.url ?? '/') });
    const id = requestIdFor(req.headers['x-request-id'], generate);
    // pino-http keeps a req.id it finds (`req.id = req.id || genReqId(...)`).
    (req as { id?: unknown }).id = id;
    res.setHeader('X-Request-Id', id);
  });
}
