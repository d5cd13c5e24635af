import {
  constants,
  createServer,
  Http2Server,
  IncomingHttpHeaders,
  ServerHttp2Session,
  ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { ConcurrencyGate } from './concurrency-gate';
import { CallStatus, encodeGrpcMessage, GrpcError, GrpcStatus } from './grpc-status';
import {
  ACCEPTED_ENCODINGS,
  InflateLimits,
  requestEncoding,
  responseEncoding,
} from './message-compression';
import { ServerCall } from './server-call';

/** One method the transport routes to, by its path `/<package>.<Service>/<Method>`. */
export interface GrpcRoute {
  readonly decode: (bytes: Buffer) => unknown;
  readonly encode: (message: unknown) => Buffer;
  /** Reads and writes through the call; resolving ends it OK, throwing a GrpcError with that status. */
  readonly handle: (call: ServerCall) => Promise<void>;
}

export interface GrpcTransportOptions {
  readonly limits: InflateLimits;
  /** Answers below this many bytes go out uncompressed (COMPRESS_MIN_BYTES). */
  readonly compressMinBytes: number;
  /** Compressed request messages inflated at once, across every call. */
  readonly inflateConcurrency: number;
  /** Streams one connection may have open at once (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS). */
  readonly maxConcurrentStreams: number;
  /** Request messages read ahead of a streaming handler before the stream is paused. */
  readonly readAhead: number;
  /** Told of every call as it starts (after routing). */
  readonly onCall?: (call: ServerCall) => void;
}

/** HTTP/2 flow-control windows: large enough for 4 MiB tensors to flow without a round trip per 64 KiB. */
const STREAM_WINDOW_BYTES = 1024 * 1024;
const SESSION_WINDOW_BYTES = 16 * 1024 * 1024;

/**
 * gRPC over cleartext HTTP/2 (h2c, what gRPC clients speak without TLS) on node:http2: routing by
 * path, message framing and compression in both directions, deadlines, cancellation and a
 * graceful close. Written for Perch because @grpc/grpc-js's server never compresses its answers
 * (grpc/grpc-node#1823); protocol-agnostic otherwise: routes bring their own codecs and handlers.
 */
export class GrpcTransport {
  private readonly server: Http2Server;
  private readonly sessions = new Set<ServerHttp2Session>();
  private readonly calls = new Set<ServerCall>();
  private readonly inflateGate: ConcurrencyGate;
  private closing = false;

  constructor(
    private readonly routes: ReadonlyMap<string, GrpcRoute>,
    private readonly options: GrpcTransportOptions,
  ) {
    this.inflateGate = new ConcurrencyGate(options.inflateConcurrency);
    this.server = createServer({
      settings: {
        maxConcurrentStreams: options.maxConcurrentStreams,
        initialWindowSize: STREAM_WINDOW_BYTES,
      },
      // Outbound data queued per connection before it pushes back; answers may be MAX_REQUEST_BYTES.
      maxSessionMemory: Math.max(10, Math.ceil((4 * options.limits.maxBytes) / 1e6)),
    });
    this.server.on('session', (session) => this.track(session));
    this.server.on('stream', (stream, headers) => this.route(stream, headers));
  }

  /** Listens on `host:port`; resolves with the bound port (0 asks the system for one). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Calls in progress. */
  get activeCalls(): number {
    return this.calls.size;
  }

  /**
   * Stops accepting connections and calls (GOAWAY), tells long-lived calls to wrap up, and
   * resolves once every call has ended and every connection has closed.
   */
  close(): Promise<void> {
    this.closing = true;
    for (const call of this.calls) call.beginClosing();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.sessions) session.close();
    return closed;
  }

  /** Ends every connection at once (a drain that ran out of time). */
  destroy(): void {
    for (const session of this.sessions) session.destroy();
    this.server.close();
  }

  private track(session: ServerHttp2Session): void {
    this.sessions.add(session);
    session.once('close', () => this.sessions.delete(session));
    session.on('error', () => undefined);
    session.once('connect', () => session.setLocalWindowSize(SESSION_WINDOW_BYTES));
    if (this.closing) session.close();
  }

  private route(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    stream.on('error', () => undefined);
    if (headers[':method'] !== 'POST') return plainStatus(stream, 405);
    if (!String(headers['content-type'] ?? '').startsWith('application/grpc'))
      return plainStatus(stream, constants.HTTP_STATUS_UNSUPPORTED_MEDIA_TYPE);
    const path = String(headers[':path']);
    const route = this.routes.get(path);
    if (!route) {
      return trailersOnly(stream, {
        code: GrpcStatus.UNIMPLEMENTED,
        message: `unknown method ${path.slice(0, 200)}`,
      });
    }
    let encoding;
    try {
      encoding = requestEncoding(headerOf(headers, 'grpc-encoding'));
    } catch (e) {
      return trailersOnly(stream, { code: (e as GrpcError).code, message: (e as Error).message });
    }
    const call = new ServerCall(
      stream,
      headers,
      {
        limits: this.options.limits,
        encoding,
        inflateGate: this.inflateGate,
        readAhead: this.options.readAhead,
        decode: route.decode,
      },
      {
        encoding: responseEncoding(encoding, headerOf(headers, 'grpc-accept-encoding')),
        compressMinBytes: this.options.compressMinBytes,
        encode: route.encode,
      },
    );
    this.calls.add(call);
    void call.ended.then(() => this.calls.delete(call));
    if (this.closing) call.beginClosing();
    this.options.onCall?.(call);
    route.handle(call).then(
      () => call.end({ code: GrpcStatus.OK, message: '' }),
      (e: unknown) => call.end(statusOf(e)),
    );
  }
}

/** A handler's error as a status: a GrpcError's own, else INTERNAL with nothing of the fault. */
function statusOf(e: unknown): CallStatus {
  if (e instanceof GrpcError) return { code: e.code, message: e.message, trailers: e.trailers };
  return { code: GrpcStatus.INTERNAL, message: 'internal server error' };
}

function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function plainStatus(stream: ServerHttp2Stream, status: number): void {
  stream.respond({ ':status': status }, { endStream: true });
}

function trailersOnly(stream: ServerHttp2Stream, status: CallStatus): void {
  stream.respond(
    {
      ':status': 200,
      'content-type': 'application/grpc+proto',
      'grpc-accept-encoding': ACCEPTED_ENCODINGS,
      'grpc-status': String(status.code),
      'grpc-message': encodeGrpcMessage(status.message),
    },
    { endStream: true },
  );
}
