import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import * as express from 'express';
import {
  InvalidInputError,
  PayloadTooLargeError,
  UnsupportedEncodingError,
} from '../common/errors/serving.errors';
import { contentLength } from '../common/content-length';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { abortedBodyError } from './client-error';

type BodyParserError = Error & { type?: string; status?: number; encoding?: string };

const EMPTY_BODY = Buffer.alloc(0);

/**
 * Reads every request body as a raw Buffer (any Content-Type; empty when there is none), capped
 * at MAX_REQUEST_BYTES.
 * Parser failures become ServingErrors thrown into Nest, so the one exception filter answers them.
 */
@Injectable()
export class RawBodyMiddleware implements NestMiddleware {
  private readonly parse: express.RequestHandler;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.parse = express.raw({ type: () => true, limit: config.maxRequestBytes, inflate: true });
  }

  use(req: express.Request, res: express.Response, next: () => void): Promise<void> {
    // body-parser reads a body it refuses to the end before it reports it, so a client declaring
    // a huge Content-Length got no answer until HTTP_REQUEST_TIMEOUT_MS. Refuse it at once, as
    // Fastify does, and close the connection instead of reading what follows.
    if (contentLength(req.headers['content-length']) > this.config.maxRequestBytes) {
      res.setHeader('Connection', 'close');
      return Promise.reject(this.tooLarge());
    }
    return new Promise<void>((resolve, reject) => {
      this.parse(req, res, (err?: unknown) =>
        err ? reject(this.translate(err as BodyParserError, req)) : resolve(),
      );
    }).then(() => {
      // The parser leaves no body at all on a request without Content-Length or
      // Transfer-Encoding; controllers are promised a Buffer.
      if (!Buffer.isBuffer(req.body)) req.body = EMPTY_BODY;
      next();
    });
  }

  private translate(err: BodyParserError, req: express.Request): Error {
    switch (err.type) {
      case 'request.aborted':
        return abortedBodyError(req);
      case 'entity.too.large':
        return this.tooLarge();
      case 'encoding.unsupported':
        return new UnsupportedEncodingError(`unsupported Content-Encoding: ${err.encoding}`);
      default:
        return new InvalidInputError(`could not read request body: ${err.message}`);
    }
  }

  private tooLarge(): PayloadTooLargeError {
    return new PayloadTooLargeError(
      `request body exceeds MAX_REQUEST_BYTES (${this.config.maxRequestBytes} bytes)`,
    );
  }
}
