import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { maxHeaderSize, type IncomingMessage } from 'node:http';
import { InvalidInputError } from '../common/errors/serving.errors';
import { EncodedBody } from '../protocol/shared/encoded-body';
import { answerClientError, refuseExpectation } from './client-error';
import { chooseEncoding, compress } from './reply-compression';

type ErrorHandler = Parameters<FastifyAdapter['setErrorHandler']>[0];

/**
 * Fastify adapter (HTTP_ADAPTER=fastify) with the same behaviour as the Express one: bodies left
 * unread for the handlers' BodyReader whatever their Content-Type, EncodedBody answers written
 * byte for byte.
 * Fastify's own client-facing answers (bad URL, malformed Content-Type, HTTP parser errors) and
 * Node's (an unsupported Expect header) are replaced, so that both adapters answer the same
 * faults with the same status and message.
 */
export class PerchFastifyAdapter extends FastifyAdapter {
  constructor(private readonly compressMinBytes: number) {
    // Fastify's request id is the one logging/request-context.ts put on the raw request (from
    // X-Request-Id or generated) before Fastify saw it: middie copies Fastify's id onto the raw
    // request that the request logger reads, which would otherwise replace it.
    super({
      genReqId: (raw: IncomingMessage) => {
        const { id } = raw as { id?: unknown };
        return typeof id === 'string' ? id : randomUUID();
      },
      clientErrorHandler: answerClientError,
      // A URL that cannot be percent-decoded goes to Nest's error handler (which runs the
      // exception filter), as Express sends it there.
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
        request.server.errorHandler.call(request.server, error, request, reply),
      // Express has no limit on a path parameter: a long model name is refused by name (or a
      // valid one up to 128 characters served), never cut off at fastify's default of 100.
      routerOptions: { maxParamLength: maxHeaderSize },
    });
    const fastify = this.getInstance();
    fastify.server.on('checkExpectation', refuseExpectation);
    fastify.removeAllContentTypeParsers();
    // The body stays unread here: handlers read it from the raw request (http/body-reader.ts)
    // after authentication and the rate limit, as under Express. Fastify would otherwise read
    // (and refuse a malformed Content-Type with 415) before any guard runs.
    fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
    fastify.addHook('onRequest', async (request: FastifyRequest) => {
      // Every body is read alike whatever its Content-Type; fastify would otherwise refuse a
      // malformed one (415) before any parser runs, which Express never does.
      delete request.raw.headers['content-type'];
    });
  }

  override setErrorHandler(handler: ErrorHandler): ReturnType<FastifyAdapter['setErrorHandler']> {
    return super.setErrorHandler(function (this: FastifyInstance, error, request, reply) {
      return handler.call(this, translate(error, request), request, reply);
    });
  }

  override reply(response: FastifyReply, body: unknown, statusCode?: number): FastifyReply {
    if (!(body instanceof EncodedBody)) return super.reply(response, body, statusCode);
    response.status(body.status ?? statusCode ?? 200);
    response.headers(body.headers);
    response.header('Content-Type', body.contentType);
    if (body.compressible) response.header('Vary', 'Accept-Encoding');
    const encoding = chooseEncoding(
      body,
      response.request.headers['accept-encoding'],
      this.compressMinBytes,
    );
    if (!encoding) return response.send(body.body);
    // Returning the reply tells fastify the answer is sent later.
    void compress(body.body, encoding).then((compressed) => {
      if (compressed) response.header('Content-Encoding', encoding);
      response.send(compressed ?? body.body);
    });
    return response;
  }
}

/** Fastify's request errors, as the ServingErrors the Express side throws for the same faults. */
function translate(error: unknown, request: FastifyRequest): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_ERR_BAD_URL') return new InvalidInputError(badUrlMessage(request.raw.url));
  return error;
}

/** Express's message for the same fault, naming the first path segment that does not decode. */
function badUrlMessage(url = ''): string {
  const segment = url
    .split('?')[0]
    .split('/')
    .find((s) => {
      try {
        decodeURIComponent(s);
        return false;
      } catch {
        return true;
      }
    });
  return `Failed to decode param '${(segment ?? url).slice(0, 64)}'`;
}
