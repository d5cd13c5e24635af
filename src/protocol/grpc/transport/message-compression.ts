import { promisify } from 'node:util';
import { deflate, gunzip, gzip, inflate, ZlibOptions } from 'node:zlib';
import { GrpcError, GrpcStatus } from './grpc-status';

/** Message encodings Perch reads and writes (`grpc-encoding`); identity is no compression. */
export type MessageEncoding = 'identity' | 'gzip' | 'deflate';

/** What the server tells clients it accepts (`grpc-accept-encoding`). */
export const ACCEPTED_ENCODINGS = 'identity,deflate,gzip';

/** What one inflated message may cost: MAX_REQUEST_BYTES and MAX_INFLATE_RATIO, as for HTTP bodies. */
export interface InflateLimits {
  readonly maxBytes: number;
  /** Inflated ÷ compressed bytes allowed past `ratioFreeBytes`; 0: no ratio limit. */
  readonly maxInflateRatio: number;
  readonly ratioFreeBytes: number;
}

type Codec = (buf: Buffer, options: ZlibOptions) => Promise<Buffer>;
const INFLATE: Readonly<Record<'gzip' | 'deflate', Codec>> = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
};
const COMPRESS: Readonly<Record<'gzip' | 'deflate', (buf: Buffer) => Promise<Buffer>>> = {
  gzip: promisify(gzip),
  deflate: promisify(deflate),
};

/** The request's `grpc-encoding`; an encoding Perch cannot read is UNIMPLEMENTED, as the spec asks. */
export function requestEncoding(header: string | undefined): MessageEncoding {
  const encoding = (header ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === 'gzip' || encoding === 'deflate') return encoding;
  throw new GrpcError(
    GrpcStatus.UNIMPLEMENTED,
    `unsupported grpc-encoding '${encoding.slice(0, 32)}': this server reads ${ACCEPTED_ENCODINGS}`,
  );
}

/**
 * The encoding of the answers: the one the client compressed its request with, when it also
 * lists it in `grpc-accept-encoding` (gRPC clients announce what they can read in every call, so
 * the announcement alone is no request to compress; compressing the request is).
 */
export function responseEncoding(
  request: MessageEncoding,
  acceptHeader: string | undefined,
): MessageEncoding {
  if (request === 'identity') return 'identity';
  const accepted = (acceptHeader ?? '').split(',').map((e) => e.trim().toLowerCase());
  return accepted.includes(request) ? request : 'identity';
}

/**
 * Inflates one message on libuv's threads, stopping at the limit: at most `maxBytes`, and past
 * `ratioFreeBytes` at most `maxInflateRatio` times the compressed size, so a small "bomb" costs
 * about a MiB before it is refused.
 */
export async function inflateMessage(
  payload: Buffer,
  encoding: MessageEncoding,
  limits: InflateLimits,
): Promise<Buffer> {
  if (encoding === 'identity') {
    throw new GrpcError(
      GrpcStatus.INTERNAL,
      'a message is flagged compressed but the call has no grpc-encoding',
    );
  }
  const byRatio =
    limits.maxInflateRatio > 0
      ? Math.max(limits.ratioFreeBytes, payload.length * limits.maxInflateRatio)
      : Infinity;
  const max = Math.min(limits.maxBytes, byRatio);
  try {
    return await INFLATE[encoding](payload, { maxOutputLength: max });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      const why =
        max < limits.maxBytes
          ? `more than ${limits.maxInflateRatio} times its ${payload.length} compressed bytes (MAX_INFLATE_RATIO)`
          : `more than ${limits.maxBytes} bytes (MAX_REQUEST_BYTES)`;
      throw new GrpcError(GrpcStatus.RESOURCE_EXHAUSTED, `the request message inflates to ${why}`);
    }
    throw new GrpcError(
      GrpcStatus.INVALID_ARGUMENT,
      `the request message is not valid ${encoding} data`,
    );
  }
}

/** Compresses one answer message on libuv's threads. */
export function compressMessage(payload: Buffer, encoding: 'gzip' | 'deflate'): Promise<Buffer> {
  return COMPRESS[encoding](payload);
}
