import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { contentLength } from '../common/content-length';
import { PerchMetrics } from './metrics';

/** Route families: the bounded `protocol` label of the HTTP series. */
export type RouteFamily = 'v2' | 'v1' | 'health' | 'metrics' | 'other';

/** The family of a request path (query ignored); probes are `health` whichever protocol serves them. */
export function routeFamily(url: string, metricsPath: string): RouteFamily {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (path === metricsPath) return 'metrics';
  // Prefix tests, not regular expressions: this runs on every request.
  if (under(path, '/v2')) return under(path, '/v2/health') ? 'health' : 'v2';
  if (under(path, '/health')) return 'health';
  if (under(path, '/v1')) return 'v1';
  return 'other';
}

/** `path` is `prefix` or lies below it. */
function under(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === '/');
}

/** success / client_error / server_error by status class, like the inference outcome. */
export function statusOutcome(status: number): 'success' | 'client_error' | 'server_error' {
  if (status >= 500) return 'server_error';
  return status >= 400 ? 'client_error' : 'success';
}

/**
 * Records every HTTP exchange on the Node server itself, under Express and Fastify alike, so
 * requests that never reach a route (404, 413, malformed bodies) count too. Prepended, so it
 * sees the URL before a router rewrites it (Express strips mount paths) and the clock starts
 * first; it only attaches listeners, so the framework is not delayed. 'close' covers hang-ups.
 */
export function observeHttp(server: Server, metrics: PerchMetrics, metricsPath: string): void {
  const series = httpSeries(metrics);
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const protocol = routeFamily(req.url ?? '/', metricsPath);
    metrics.httpInFlight.inc();
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      metrics.httpInFlight.dec();
      const s = series(protocol, statusOutcome(res.statusCode));
      s.requests.inc();
      s.duration.observe((performance.now() - started) / 1000);
      s.requestBytes.inc(contentLength(req.headers['content-length']));
      // Readable under Fastify too, which hands its headers to writeHead() in one object: Node
      // keeps them gettable because a header (X-Request-Id, logging/request-context.ts) was set
      // before.
      s.responseBytes.inc(contentLength(res.getHeader('content-length')));
    };
    res.once('finish', finish);
    res.once('close', finish);
  });
}

/**
 * The HTTP series of each route family and outcome, made once: 5 families × 3 outcomes, so
 * prom-client never hashes label objects per request.
 */
function httpSeries(m: PerchMetrics) {
  const cache = new Map<string, ReturnType<typeof make>>();
  const make = (protocol: RouteFamily, outcome: string) => ({
    requests: m.httpRequests.labels({ protocol, outcome }),
    duration: m.httpDuration.labels({ protocol, outcome }),
    requestBytes: m.httpRequestBytes.labels({ protocol }),
    responseBytes: m.httpResponseBytes.labels({ protocol }),
  });
  return (protocol: RouteFamily, outcome: string) => {
    const key = `${protocol}/${outcome}`;
    let s = cache.get(key);
    if (!s) cache.set(key, (s = make(protocol, outcome)));
    return s;
  };
}
