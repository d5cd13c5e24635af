import { AbstractHttpAdapter } from '@nestjs/core';
import { Registry } from 'prom-client';
import { EncodedBody } from '../protocol/shared/encoded-body';

/**
 * Serves the registry's text exposition at `path` (GET). Registered on the adapter itself, not
 * as a Nest controller, because the path is configuration (METRICS_PATH) and Nest routes are
 * fixed at decoration time; the adapter's reply writes the EncodedBody under Express and Fastify
 * alike (gzip when the scraper accepts it and the text is large enough).
 */
export function serveMetrics(adapter: AbstractHttpAdapter, path: string, registry: Registry): void {
  adapter.get(path, (_req: unknown, res: unknown) => {
    registry.metrics().then(
      (text) => {
        const body = new EncodedBody(Buffer.from(text), registry.contentType, 200, {}, true);
        return adapter.reply(res, body, 200);
      },
      () => adapter.reply(res, EncodedBody.json({ error: 'could not collect metrics' }, 500), 500),
    );
  });
}
