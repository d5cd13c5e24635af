import { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';
import { EncodedBody } from '../protocol/shared/encoded-body';
import { answerClientError, refuseExpectation } from './client-error';
import { chooseEncoding, compress } from './reply-compression';

/**
 * Express adapter (the default) that writes EncodedBody answers byte for byte, compressed when
 * the client asks (reply-compression.ts), and answers HTTP parser errors and unsupported Expect
 * headers in the error format (client-error.ts). Everything else goes to Nest's own reply.
 */
export class PerchExpressAdapter extends ExpressAdapter {
  constructor(private readonly compressMinBytes: number) {
    super();
    // No framework banner for scanners to fingerprint.
    this.getInstance<{ disable(setting: string): void }>().disable('x-powered-by');
  }

  override initHttpServer(options: NestApplicationOptions): void {
    super.initHttpServer(options);
    this.getHttpServer()
      .on('clientError', answerClientError)
      .on('checkExpectation', refuseExpectation);
  }

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!(body instanceof EncodedBody)) return super.reply(response, body, statusCode);
    response.statusCode = body.status ?? statusCode ?? 200;
    for (const [name, value] of Object.entries(body.headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', body.contentType);
    if (body.compressible) response.setHeader('Vary', 'Accept-Encoding');
    const encoding = chooseEncoding(
      body,
      response.req.headers['accept-encoding'],
      this.compressMinBytes,
    );
    if (!encoding) return send(response, body.body);
    return compress(body.body, encoding).then((compressed) => {
      if (compressed) response.setHeader('Content-Encoding', encoding);
      send(response, compressed ?? body.body);
    });
  }
}

function send(response: Response, bytes: Buffer): void {
  response.setHeader('Content-Length', bytes.length);
  response.end(bytes);
}
