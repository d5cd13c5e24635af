import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';
import { promisify } from 'node:util';
import { deflate, gzip } from 'node:zlib';
import { EncodedBody } from '../protocol/shared/encoded-body';
import { negotiateEncoding } from './accept-encoding';

const COMPRESS = { gzip: promisify(gzip), deflate: promisify(deflate) };

/**
 * Express adapter that writes EncodedBody answers byte for byte, compressing inference answers of
 * at least `compressMinBytes` when Accept-Encoding asks for gzip or deflate (zlib runs on the libuv
 * pool, not the event loop). Everything else goes to Nest's own reply.
 */
export class PerchExpressAdapter extends ExpressAdapter {
  /** Set from the configuration once it is known; 0 turns compression off. */
  compressMinBytes = 0;

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
    const encoding = this.encodingFor(response, body);
    if (!encoding) return this.writeBody(response, body.body);
    response.setHeader('Vary', 'Accept-Encoding');
    return COMPRESS[encoding](body.body).then(
      (compressed) => {
        response.setHeader('Content-Encoding', encoding);
        this.writeBody(response, compressed);
      },
      () => this.writeBody(response, body.body),
    );
  }

  private encodingFor(response: Response, body: EncodedBody): 'gzip' | 'deflate' | undefined {
    if (
      !body.compressible ||
      this.compressMinBytes <= 0 ||
      body.body.length < this.compressMinBytes
    )
      return undefined;
    return negotiateEncoding(response.req.headers['accept-encoding']);
  }

  private writeBody(response: Response, bytes: Buffer): void {
    response.setHeader('Content-Length', bytes.length);
    response.end(bytes);
  }
}
