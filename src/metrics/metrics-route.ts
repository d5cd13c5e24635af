import { AbstractHttpAdapter } from '@nestjs/core';
import { Registry } from 'prom-client';
import type { IncomingMessage } from 'node:http';
import { nodeRequest } from '../common/node-request';
import { describeError, errorHeaders } from '../protocol/serving-exception.filter';
import { EncodedBody } from '../protocol/shared/encoded-body';

/**
 * Serves the registry's text exposition at `path` (GET). Registered on the adapter itself, not
 * as a Nest controller, because the path is configuration (METRICS_PATH) and Nest routes are
 * fixed at decoration time; the adapter's reply writes the EncodedBody under Express and Fastify
 * alike (gzip when the scraper accepts it and the text is large enough). Being outside Nest, it
 * runs `authorize` itself (the Authenticator's check: PROTECT_METRICS with API keys), which
 * throws a ServingError to refuse.
 */
export function serveMetrics(
  adapter: AbstractHttpAdapter,
  path: string,
  registry: Registry,
  authorize: (req: IncomingMessage) => void = () => undefined,
): void {
  adapter.get(path, (req: IncomingMessage | { raw: IncomingMessage }, res: unknown) => {
    try {
      authorize(nodeRequest(req));
    } catch (e) {
      const { status, message } = describeError(e);
      return adapter.reply(
        res,
        EncodedBody.json({ error: message }, status, errorHeaders(e, status)),
        status,
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
