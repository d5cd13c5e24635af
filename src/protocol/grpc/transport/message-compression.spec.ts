import { deflateSync, gzipSync } from 'node:zlib';
import { GrpcError, GrpcStatus } from './grpc-status';
import { inflateMessage, requestEncoding, responseEncoding } from './message-compression';

const limits = { maxBytes: 4 * 1024 * 1024, maxInflateRatio: 100, ratioFreeBytes: 1024 * 1024 };

async function failure(run: () => Promise<unknown>): Promise<GrpcError> {
  try {
    await run();
  } catch (e) {
    return e as GrpcError;
  }
  throw new Error('expected a failure');
}

describe('message encodings', () => {
  it.each([
    [undefined, 'identity'],
    ['identity', 'identity'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['deflate', 'deflate'],
  ] as const)('reads grpc-encoding %p as %s', (header, encoding) => {
    expect(requestEncoding(header)).toBe(encoding);
  });

  it('refuses an encoding it cannot read with UNIMPLEMENTED, listing those it can', () => {
    const run = () => requestEncoding('snappy');
    expect(run).toThrow(GrpcError);
    expect(run).toThrow(
      "unsupported grpc-encoding 'snappy': this server reads identity,deflate,gzip",
    );
  });

  it.each([
    ['identity', 'identity,deflate,gzip', 'identity'],
    ['gzip', 'identity,deflate,gzip', 'gzip'],
    ['gzip', 'identity, deflate, gzip', 'gzip'],
    ['deflate', 'identity,deflate,gzip', 'deflate'],
    ['gzip', 'identity', 'identity'],
    ['gzip', undefined, 'identity'],
  ] as const)('answers a %s request accepting %p with %s', (request, accept, answer) => {
    expect(responseEncoding(request, accept)).toBe(answer);
  });
});

describe('inflateMessage', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
  ] as const)('inflates %s', async (encoding, compress) => {
    const message = Buffer.from('a protobuf message '.repeat(50));
    expect(await inflateMessage(compress(message), encoding, limits)).toEqual(message);
  });

  it('stops a bomb at the ratio past the first MiB (MAX_INFLATE_RATIO)', async () => {
    const bomb = gzipSync(Buffer.alloc(3 * 1024 * 1024));
    const error = await failure(() => inflateMessage(bomb, 'gzip', limits));
    expect(error.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(error.message).toBe(
      `the request message inflates to more than 100 times its ${bomb.length} compressed bytes (MAX_INFLATE_RATIO)`,
    );
  });

  it('stops at MAX_REQUEST_BYTES after inflation', async () => {
    const big = gzipSync(Buffer.alloc(5 * 1024 * 1024));
    const error = await failure(() =>
      inflateMessage(big, 'gzip', { ...limits, maxInflateRatio: 0 }),
    );
    expect(error.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(error.message).toBe(
      'the request message inflates to more than 4194304 bytes (MAX_REQUEST_BYTES)',
    );
  });

  it('refuses bytes that are not what the encoding says', async () => {
    const error = await failure(() => inflateMessage(Buffer.from('plain'), 'gzip', limits));
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(error.message).toBe('the request message is not valid gzip data');
  });

  it('refuses a compressed flag on a call without grpc-encoding', async () => {
    const error = await failure(() => inflateMessage(Buffer.from('x'), 'identity', limits));
    expect(error.code).toBe(GrpcStatus.INTERNAL);
  });
});
