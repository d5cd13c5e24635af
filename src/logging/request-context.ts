import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { pathOf } from '../common/url-path';
import { AccessLog } from './access-log';
import { enterRequestScope, RequestScope } from './log-scope';

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

/**
 * Gives every request an id before any framework code runs (Express or Fastify, matched route
 * or not): `req.id` (Fastify adopts it as its own), the `X-Request-Id` response header echoing
 * it, and a log scope (log-scope.ts) that the framework's listener, which runs next, inherits.
 * When the exchange ends, its access line is written.
 */
export function tagRequests(
  server: Server,
  accessLog: AccessLog,
  generate: () => string = randomUUID,
): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = performance.now();
    const path = pathOf(req.url ?? '/');
    const requestId = requestIdFor(req.headers['x-request-id'], generate);
    (req as { id?: unknown }).id = requestId;
    res.setHeader('X-Request-Id', requestId);
    const scope: RequestScope = { requestId };
    enterRequestScope(scope);
    // 'close' comes after 'finish', and also when the client goes away first: one line either way.
    res.once('close', () => accessLog.write(req, res, scope, arrivedAt, path));
  });
}
