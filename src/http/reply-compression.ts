import { promisify } from 'node:util';
import { deflate, gzip } from 'node:zlib';
import { EncodedBody } from '../protocol/shared/encoded-body';
import { negotiateEncoding, ResponseEncoding } from './accept-encoding';

const COMPRESSORS = { gzip: promisify(gzip), deflate: promisify(deflate) };

/**
 * The Content-Encoding to answer with: only inference answers of at least `minBytes` (0: every
 * one, as Triton compresses whenever the client asks), and only when Accept-Encoding asks for
 * gzip or deflate. Shared by both adapters.
 */
export function chooseEncoding(
  body: EncodedBody,
  acceptEncoding: string | undefined,
  minBytes: number,
): ResponseEncoding | undefined {
  if (!body.compressible || body.body.length < minBytes) return undefined;
  return negotiateEncoding(acceptEncoding);
}

/** Compresses on the libuv pool, not the event loop; resolves undefined if zlib fails (send it plain). */
export function compress(bytes: Buffer, encoding: ResponseEncoding): Promise<Buffer | undefined> {
  return COMPRESSORS[encoding](bytes).catch(() => undefined);
}
