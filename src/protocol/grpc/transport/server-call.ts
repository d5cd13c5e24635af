import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerHttp2Stream } from 'node:http2';
import { CallStatus, encodeGrpcMessage, GrpcError, GrpcStatus } from './grpc-status';
import { parseGrpcTimeout } from './grpc-timeout';
import { InboundMessages, InboundOptions } from './inbound-messages';
import { frameMessage } from './message-framing';
import { ACCEPTED_ENCODINGS, compressMessage, MessageEncoding } from './message-compression';

/** How one call writes its answers. */
export interface OutboundOptions {
  readonly encoding: MessageEncoding;
  /** Answers smaller than this go out uncompressed even when `encoding` compresses. */
  readonly compressMinBytes: number;
  readonly encode: (message: unknown) => Buffer;
}

const RESPONSE_HEADERS: OutgoingHttpHeaders = {
  ':status': 200,
  'content-type': 'application/grpc+proto',
  'grpc-accept-encoding': ACCEPTED_ENCODINGS,
};

/**
 * One gRPC call on one HTTP/2 stream: the caller's metadata and address, its request messages,
 * its answers (framed, compressed when the client compressed, in order, waiting when the client
 * reads slowly), and its end: trailers with the status, or a cancellation. `signal` aborts when the
 * call ends early (client cancel, deadline, transport destroyed); `closing` when the server starts
 * to drain, so long-lived calls can wrap up. `ended` settles once, with the final status.
 */
export class ServerCall {
  readonly path: string;
  /** Request metadata: lower-case names, values as sent (`-bin` ones still base64). */
  readonly metadata: Readonly<Record<string, string>>;
  readonly peer: string;
  readonly ended: Promise<CallStatus>;
  readonly startedAt = performance.now();
  /** Answer bytes written, after compression, with their 5-byte prefixes. */
  bytesOut = 0;
  private readonly inbound: InboundMessages;
  private readonly aborted = new AbortController();
  private readonly drain = new AbortController();
  private readonly extraHeaders: Record<string, string> = {};
  private writes: Promise<void> = Promise.resolve();
  private headersSent = false;
  private done = false;
  private settle!: (status: CallStatus) => void;
  private deadline?: NodeJS.Timeout;

  constructor(
    private readonly stream: ServerHttp2Stream,
    headers: IncomingHttpHeaders,
    inbound: InboundOptions,
    private readonly outbound: OutboundOptions,
  ) {
    this.path = String(headers[':path']);
    this.metadata = metadataOf(headers);
    this.peer = stream.session?.socket?.remoteAddress ?? 'unknown';
    this.ended = new Promise((resolve) => (this.settle = resolve));
    this.inbound = new InboundMessages(stream, inbound);
    const timeoutMs = parseGrpcTimeout(this.metadata['grpc-timeout']);
    if (timeoutMs !== undefined) {
      this.deadline = setTimeout(
        () => this.end({ code: GrpcStatus.DEADLINE_EXCEEDED, message: 'deadline exceeded' }, true),
        timeoutMs,
      );
    }
    // A stream that closes before the call ended was cancelled (RST_STREAM, lost connection).
    stream.once('close', () =>
      this.stop({ code: GrpcStatus.CANCELLED, message: 'cancelled by the client' }),
    );
    stream.on('error', () => undefined);
  }

  get signal(): AbortSignal {
    return this.aborted.signal;
  }

  get closing(): AbortSignal {
    return this.drain.signal;
  }

  /** Request bytes received so far, compressed as sent. */
  get bytesIn(): number {
    return this.inbound.bytes;
  }

  /** Adds response metadata; only before the first answer is written. */
  setHeader(name: string, value: string): void {
    this.extraHeaders[name.toLowerCase()] = value;
  }

  /** The next request message; undefined once the client has half-closed. */
  read(): Promise<unknown> {
    return this.inbound.next();
  }

  /** The one request message of a unary or server-streaming call. */
  async readOne(): Promise<unknown> {
    const message = await this.inbound.next();
    if (message === undefined)
      throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, 'the call carried no request message');
    return message;
  }

  /** Writes one answer; resolves once it is handed to the stream (after any backpressure). */
  write(message: unknown): Promise<void> {
    const written = this.writes.then(() => this.send(message));
    this.writes = written.catch(() => undefined);
    return written;
  }

  /** Tells a long-lived call that the server is draining. */
  beginClosing(): void {
    this.drain.abort();
  }

  /**
   * Ends the call with `status`: after the answers already written (unless `now`), as trailers,
   * or as a trailers-only answer when nothing was written. Later calls do nothing.
   */
  async end(status: CallStatus, now = false): Promise<void> {
    if (this.done) return;
    if (!now) await this.writes;
    if (this.done) return;
    this.done = true;
    const trailers: OutgoingHttpHeaders = {
      'grpc-status': String(status.code),
      ...(status.message && { 'grpc-message': encodeGrpcMessage(status.message) }),
      ...status.trailers,
    };
    if (!this.stream.destroyed && !this.stream.closed) {
      if (!this.headersSent) {
        this.headersSent = true;
        this.stream.respond({ ...this.responseHeaders(), ...trailers }, { endStream: true });
      } else {
        this.stream.once('wantTrailers', () => this.stream.sendTrailers(trailers));
        this.stream.end();
      }
    }
    this.finished(status);
  }

  private async send(message: unknown): Promise<void> {
    if (this.done) return;
    let bytes = this.outbound.encode(message);
    const encoding = this.outbound.encoding;
    const compress = encoding !== 'identity' && bytes.length >= this.outbound.compressMinBytes;
    if (compress) bytes = await compressMessage(bytes, encoding);
    if (this.done) return;
    if (!this.headersSent) {
      this.headersSent = true;
      this.stream.respond(this.responseHeaders(), { waitForTrailers: true });
    }
    const frame = frameMessage(bytes, compress);
    this.bytesOut += frame.length;
    if (!this.stream.write(frame)) {
      await new Promise<void>((resolve) => {
        const go = (): void => {
          this.stream.off('drain', go);
          this.stream.off('close', go);
          resolve();
        };
        this.stream.on('drain', go);
        this.stream.on('close', go);
      });
    }
  }

  private responseHeaders(): OutgoingHttpHeaders {
    const compressed = this.outbound.encoding !== 'identity';
    return {
      ...RESPONSE_HEADERS,
      ...(compressed && { 'grpc-encoding': this.outbound.encoding }),
      ...this.extraHeaders,
    };
  }

  /** The call ended without trailers of ours (cancelled, or the transport destroyed it). */
  private stop(status: CallStatus): void {
    if (this.done) return;
    this.done = true;
    this.finished(status);
  }

  private finished(status: CallStatus): void {
    clearTimeout(this.deadline);
    this.aborted.abort();
    this.settle(status);
  }
}

/** Metadata a handler may read: every header but the pseudo-headers and the transport's own. */
function metadataOf(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}
