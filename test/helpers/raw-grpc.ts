import { connect, IncomingHttpHeaders } from 'node:http2';

/** What the server sent back on one stream, byte for byte. */
export interface RawGrpcReply {
  readonly headers: IncomingHttpHeaders;
  /** Each message: the compressed flag and the payload as sent (not inflated). */
  readonly messages: { compressed: boolean; payload: Buffer }[];
  readonly trailers: IncomingHttpHeaders;
}

/**
 * One gRPC call made by hand over node:http2, to see what no client library shows: the
 * compressed flag of each answer, the headers and trailers as sent. `body` is the whole request
 * (already framed); `headers` are added to the call's own.
 */
export function rawGrpcCall(
  target: string,
  path: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<RawGrpcReply> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://${target}`);
    session.on('error', reject);
    const stream = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc',
      te: 'trailers',
      ...headers,
    });
    let responseHeaders: IncomingHttpHeaders = {};
    let trailers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => (responseHeaders = h));
    stream.on('trailers', (t) => (trailers = t));
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', reject);
    stream.on('end', () => {
      session.close();
      const all = Buffer.concat(chunks);
      const messages = [];
      for (let at = 0; at + 5 <= all.length;) {
        const length = all.readUInt32BE(at + 1);
        messages.push({
          compressed: all[at] === 1,
          payload: all.subarray(at + 5, at + 5 + length),
        });
        at += 5 + length;
      }
      // A trailers-only answer carries its status in the headers.
      resolve({
        headers: responseHeaders,
        messages,
        trailers: Object.keys(trailers).length > 0 ? trailers : responseHeaders,
      });
    });
    stream.end(body);
  });
}

/** A message with gRPC's prefix: flag, big-endian length. */
export function frame(payload: Buffer, compressed = false): Buffer {
  const prefix = Buffer.alloc(5);
  prefix[0] = compressed ? 1 : 0;
  prefix.writeUInt32BE(payload.length, 1);
  return Buffer.concat([prefix, payload]);
}
