import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { contentLength } from '../common/content-length';
import { PerchMetrics } from './metrics';

/** Route families: the bounded `protocol` label of the HTTP series. */
export type RouteFamily = 'v2' | 'v1' | 'health' | 'metrics' | 'other';

/** The family of a request path (query ignored); probes are `health` whichever protocol serves them. */
export function routeFamily(url: string, metricsPath: string): RouteFamily {
  const path = url.split('?')[0];
  if (path === metricsPath) return 'metrics';
  if (/^\/(v2\/)?health(\/|$)/.test(path)) return 'health';
  if (/^\/v2(\/|$)/.test(path)) return 'v2';
  if (/^\/v1(\/|$)/.test(path)) return 'v1';
  return 'other';
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
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const protocol = routeFamily(req.url ?? '/', metricsPath);
    metrics.httpInFlight.inc();
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      metrics.httpInFlight.dec();
      const labels = { protocol, outcome: statusOutcome(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
      metrics.httpRequestBytes.inc({ protocol }, contentLength(req.headers['content-length']));
      // Readable under Fastify too, which hands its headers to writeHead() in one object: Node
      // keeps them gettable because a header (X-Request-Id, logging/request-context.ts) was set
      // before.
      metrics.httpResponseBytes.inc({ protocol }, contentLength(res.getHeader('content-length')));
    };
    res.once('finish', finish);
    res.once('close', finish);
  });
}
