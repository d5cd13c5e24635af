import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { contentLength } from '../common/content-length';
import { RequestScope } from './log-scope';

/** Health probes: polled every few seconds by orchestrators, so their lines go to debug. */
const PROBE = /^\/(v2\/)?health(\/|$)/;

/**
 * One line per HTTP exchange, written when the response is done: request id, the served model
 * and version, method, path (never the query string), status, duration and body sizes. At info,
 * or debug for probes and the metrics path. Written straight from the root logger, with no
 * per-request child logger: this line is paid by every request.
 */
export class AccessLog {
  constructor(
    private readonly root: Logger,
    private readonly metricsPath: string,
  ) {}

  write(
    req: IncomingMessage,
    res: ServerResponse,
    scope: RequestScope,
    arrivedAt: number,
    path: string,
  ): void {
    const level = PROBE.test(path) || path === this.metricsPath ? 'debug' : 'info';
    if (!this.root.isLevelEnabled(level)) return;
    this.root[level](
      {
        request_id: scope.requestId,
        model: scope.model,
        version: scope.version,
        method: req.method,
        path,
        status: res.statusCode,
        duration_ms: Math.round((performance.now() - arrivedAt) * 1000) / 1000,
        req_bytes: contentLength(req.headers['content-length']),
        res_bytes: contentLength(res.getHeader('content-length')),
      },
      'request completed',
    );
  }
}
