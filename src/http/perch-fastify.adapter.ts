import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { maxHeaderSize, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import {
  InvalidInputError,
  PayloadTooLargeError,
  UnsupportedEncodingError,
} from '../common/errors/serving.errors';
import { EncodedBody } from '../protocol/shared/encoded-body';
import { abortedBodyError, answerClientError, refuseExpectation } from './client-error';
import { chooseEncoding, compress } from './reply-compression';

type ErrorHandler = Parameters<FastifyAdapter['setErrorHandler']>[0];

const EMPTY_BODY = Buffer.alloc(0);

const DECODERS: Readonly<Record<string, () => NodeJS.ReadWriteStream>> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Fastify adapter (HTTP_ADAPTER=fastify) with the same behaviour as the Express one: every body
 * a raw Buffer whatever its Content-Type, gzip/deflate/br request bodies inflated before
 * fastify's bodyLimit counts them (so the cap applies after decompression), parser errors turned
 * into ServingErrors for the one exception filter, EncodedBody answers written byte for byte.
 * Fastify's own client-facing answers (bad URL, malformed Content-Type, HTTP parser errors) and
 * Node's (an unsupported Expect header) are replaced, so that both adapters answer the same
 * faults with the same status and message.
 */
export class PerchFastifyAdapter extends FastifyAdapter {
  constructor(
    maxRequestBytes: number,
    private readonly compressMinBytes: number,
  ) {
    // Fastify's request id is the one logging/request-context.ts put on the raw request (from
    // X-Request-Id or generated) before Fastify saw it: middie copies Fastify's id onto the raw
    // request that the request logger reads, which would otherwise replace it.
    super({
      bodyLimit: maxRequestBytes,
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
    fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    fastify.addHook('preParsing', async (request: FastifyRequest, _reply, payload) => {
      // Every body is read alike whatever its Content-Type; fastify would otherwise refuse a
      // malformed one (415) before any parser runs, which Express never does.
      delete request.raw.headers['content-type'];
      return inflate(request, payload);
    });
    // Without a body fastify runs no parser; controllers are promised a Buffer.
    fastify.addHook('preValidation', async (request: FastifyRequest) => {
      if (!Buffer.isBuffer(request.body)) request.body = EMPTY_BODY;
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

/** Errors of the decompression streams: corrupt input from the client, not a server fault. */
const decodeErrors = new WeakSet<object>();

function inflate(request: FastifyRequest, payload: NodeJS.ReadableStream): NodeJS.ReadableStream {
  // As body-parser reads it on the Express side: an empty header means identity, and a request
  // with neither Content-Length nor Transfer-Encoding (type-is's hasBody) has nothing to decode.
  const { headers } = request.raw;
  const encoding = String(headers['content-encoding'] || 'identity').toLowerCase();
  const hasBody =
    headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(headers['content-length']));
  if (encoding === 'identity' || !hasBody) return payload;
  const decoder = DECODERS[encoding];
  if (!decoder) throw new UnsupportedEncodingError(`unsupported Content-Encoding: ${encoding}`);
  const source = payload as Readable;
  const inflated = source.pipe(decoder()) as unknown as Readable & {
    receivedEncodedLength: number;
  };
  inflated.once('error', (e) => decodeErrors.add(e));
  // Fastify checks bodyLimit against the inflated bytes it reads, and Content-Length against
  // the compressed bytes it is told about here.
  inflated.receivedEncodedLength = 0;
  source.on('data', (chunk: Buffer) => (inflated.receivedEncodedLength += chunk.length));
  source.on('error', (e) => inflated.destroy(e));
  return inflated;
}

/** Fastify's and zlib's request errors, as the ServingErrors the Express side throws for the same faults. */
function translate(error: unknown, request: FastifyRequest): unknown {
  const code = (error as { code?: string }).code;
  const limit = (request.server.initialConfig.bodyLimit ?? 0) as number;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new PayloadTooLargeError(`request body exceeds MAX_REQUEST_BYTES (${limit} bytes)`);
  }
  if (code?.startsWith('FST_ERR_CTP_') || decodeErrors.has(error as object)) {
    return new InvalidInputError(`could not read request body: ${(error as Error).message}`);
  }
  // The connection closed before the body was complete.
  if (code === 'ECONNRESET') return abortedBodyError(request.raw);
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
