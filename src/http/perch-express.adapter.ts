import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';
import { EncodedBody } from '../protocol/shared/encoded-body';

/** Express adapter that writes EncodedBody answers byte for byte; everything else goes to Nest's own reply. */
export class PerchExpressAdapter extends ExpressAdapter {
  constructor() {
    super();
    // No framework banner for scanners to fingerprint.
    this.getInstance<{ disable(setting: string): void }>().disable('x-powered-by');
  }

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!(body instanceof EncodedBody)) return super.reply(response, body, statusCode);
    response.statusCode = body.status ?? statusCode ?? 200;
    for (const [name, value] of Object.entries(body.headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', body.contentType);
    response.setHeader('Content-Length', body.body.length);
    return response.end(body.body);
  }
}
