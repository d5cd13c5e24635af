import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import {
  InvalidInputError,
  PayloadTooLargeError,
  ServingError,
  UnsupportedEncodingError,
} from '../common/errors/serving.errors';
import { contentLength } from '../common/content-length';
import { BodyTicket } from './body-budget';
import { abortedBodyError } from './client-error';
import { InflateSlots } from './inflate-slots';

/** What a body may cost, in bytes after decompression. */
export interface BodyLimits {
  /** MAX_REQUEST_BYTES: the most bytes a body may hold once inflated. */
  readonly maxBytes: number;
  /** MAX_INFLATE_RATIO: inflated ÷ compressed bytes allowed past the first MiB; 0: no limit. */
  readonly maxInflateRatio: number;
}

/** Inflated bytes a compressed body may reach before its ratio is checked at all. */
export const RATIO_FREE_BYTES = 1024 * 1024;

const EMPTY_BODY = Buffer.alloc(0);

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads one request body into a Buffer, on both adapters, only when a handler asks for it (so
 * authentication and the rate limit have already run: nothing is read or inflated for a client
 * they refuse). Plain bodies are capped at `maxBytes`; gzip/deflate/br bodies are inflated in a
 * bounded number of concurrent slots, capped at `maxBytes` after inflation and at `maxInflateRatio`
 * times the compressed bytes, so a small "bomb" costs at most a MiB before its 413. Every fault
 * is a ServingError; a body left half read means the connection cannot be reused (the caller
 * answers with `Connection: close`).
 */
export class BodyReader {
  constructor(
    private readonly limits: BodyLimits,
    private readonly slots: InflateSlots,
  ) {}

  /** `ticket`, when given, is charged for the bytes as they arrive (see BodyBudget). */
  async read(req: IncomingMessage, ticket?: BodyTicket): Promise<Buffer> {
    const { headers } = req;
    // As type-is's hasBody: neither Content-Length nor Transfer-Encoding means no body at all.
    const hasBody =
      headers['transfer-encoding'] !== undefined ||
      (headers['content-length'] !== undefined && !Number.isNaN(Number(headers['content-length'])));
    if (!hasBody) return EMPTY_BODY;
    if (contentLength(headers['content-length']) > this.limits.maxBytes) throw this.tooLarge();
    const encoding = String(headers['content-encoding'] || 'identity').toLowerCase();
    if (encoding === 'identity') return this.collect(req, req, ticket);
    const decoder = DECODERS[encoding];
    if (!decoder) {
      throw new UnsupportedEncodingError(`unsupported Content-Encoding: ${encoding.slice(0, 64)}`);
    }
    const release = await this.slots.acquire(req);
    try {
      return await this.collect(req, req.pipe(decoder()), ticket);
    } finally {
      release();
    }
  }

  /**
   * Gathers what `source` yields (the request itself, or its decoder) while counting what the
   * request delivered, and settles once: with the body, or with the first fault.
   */
  private collect(
    req: IncomingMessage,
    source: NodeJS.ReadableStream,
    ticket?: BodyTicket,
  ): Promise<Buffer> {
    const { maxBytes, maxInflateRatio } = this.limits;
    const inflating = source !== req;
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let received = 0;
      let produced = 0;
      let settled = false;
      const finish = (error?: ServingError): void => {
        if (settled) return;
        settled = true;
        req.off('data', count);
        req.off('close', closed);
        source.off('data', take);
        source.off('end', ended);
        source.off('error', failed);
        if (error) {
          if (inflating) (source as Transform).destroy();
          req.unpipe();
          req.pause();
          reject(error);
        } else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, produced));
      };
      const count = (chunk: Buffer): void => {
        received += chunk.length;
      };
      const take = (chunk: Buffer): void => {
        produced += chunk.length;
        if (produced > maxBytes) return finish(this.tooLarge());
        if (ticket && !ticket.cover(produced)) return finish(ticket.refusal());
        if (
          inflating &&
          maxInflateRatio > 0 &&
          produced > RATIO_FREE_BYTES &&
          produced > maxInflateRatio * received
        ) {
          return finish(
            new PayloadTooLargeError(
              `request body inflates to more than ${maxInflateRatio} times its compressed size (MAX_INFLATE_RATIO)`,
            ),
          );
        }
        chunks.push(chunk);
      };
      const ended = (): void => finish();
      // The decoder's errors are the client's corrupt data; the request's own, a broken upload.
      const failed = (e: Error): void =>
        finish(
          inflating
            ? new InvalidInputError(`could not read request body: ${e.message}`)
            : abortedBodyError(req),
        );
      // The request closing before its end is an aborted upload (or a slow one, cut off).
      const closed = (): void => {
        if (!req.complete) finish(abortedBodyError(req));
      };
      if (inflating) req.on('data', count);
      req.on('close', closed);
      source.on('data', take);
      source.on('end', ended);
      source.on('error', failed);
      if (req.destroyed) closed();
    });
  }

  private tooLarge(): PayloadTooLargeError {
    return new PayloadTooLargeError(
      `request body exceeds MAX_REQUEST_BYTES (${this.limits.maxBytes} bytes)`,
    );
  }
}
