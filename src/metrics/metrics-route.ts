import { AbstractHttpAdapter } from '@nestjs/core';
import { Registry } from 'prom-client';
import { EncodedBody } from '../protocol/shared/encoded-body';

/**
 * Serves the registry's text exposition at `path` (GET). Registered on the adapter itself, not
 * as a Nest controller, because the path is configuration (METRICS_PATH) and Nest routes are
 * fixed at decoration time; the adapter's reply writes the EncodedBody under Express and Fastify
 * alike (gzip when the scraper accepts it and the text is large enough). Being outside Nest, it
 * checks `authorized` itself (PROTECT_METRICS with API keys).
 */
export function serveMetrics(
  adapter: AbstractHttpAdapter,
  path: string,
  registry: Registry,
  authorized: (headers: Record<string, unknown>) => boolean = () => true,
): void {
  adapter.get(path, (req: { headers: Record<string, unknown> }, res: unknown) => {
    if (!authorized(req.headers)) {
      const error = {
        error: 'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>',
      };
      return adapter.reply(
        res,
        EncodedBody.json(error, 401, { 'WWW-Authenticate': 'Bearer' }),
        401,
      );
    }
    registry.metrics().then(
      (text) => {
        const body = new EncodedBody(Buffer.from(text), registry.contentType, 200, {}, true);
        return adapter.reply(res, body, 200);
      },
      () => adapter.reply(res, EncodedBody.json({ error: 'could not collect metrics' }, 500), 500),
    );
  });
}
