import type { ServerHttp2Stream } from 'node:http2';
import { ConcurrencyGate } from './concurrency-gate';
import { GrpcError, GrpcStatus } from './grpc-status';
import { FrameReader } from './message-framing';
import { inflateMessage, InflateLimits, MessageEncoding } from './message-compression';

/** How one call's request messages are read. */
export interface InboundOptions {
  readonly limits: InflateLimits;
  readonly encoding: MessageEncoding;
  readonly inflateGate: ConcurrencyGate;
  /** Messages read ahead of the handler before the stream is paused (HTTP/2 flow control then holds the client). */
  readonly readAhead: number;
  readonly decode: (bytes: Buffer) => unknown;
}

/**
 * The request messages of one call, in order: cut from DATA frames, inflated when flagged
 * compressed (through the shared gate), decoded. The handler pulls them with next(); reading
 * pauses while `readAhead` of them wait, so a client streaming faster than the model answers is
 * held by flow control instead of filling memory. Nothing is read before the first next(): a call
 * refused on its metadata (a missing key) never has a message inflated or decoded. A fault (an
 * oversized or undecodable message, a truncated stream) is what next() throws after the messages
 * before it.
 */
export class InboundMessages {
  private readonly reader: FrameReader;
  private readonly ready: unknown[] = [];
  private pending = 0;
  private chain: Promise<void> = Promise.resolve();
  private ended = false;
  private fault?: GrpcError;
  private wake?: () => void;
  private reading = false;
  /** Bytes received off the wire, compressed as sent. */
  bytes = 0;

  constructor(
    private readonly stream: ServerHttp2Stream,
    private readonly options: InboundOptions,
  ) {
    this.reader = new FrameReader(options.limits.maxBytes);
  }

  /** The next message, or undefined once the client has half-closed; throws the read fault. */
  async next(): Promise<unknown> {
    if (!this.reading) {
      this.reading = true;
      this.stream.on('data', (chunk: Buffer) => this.onData(chunk));
      this.stream.on('end', () => this.after(() => this.onEnd()));
    }
    for (;;) {
      if (this.ready.length > 0) {
        const message = this.ready.shift();
        this.pending--;
        if (this.pending < this.options.readAhead && this.stream.isPaused()) this.stream.resume();
        return message;
      }
      if (this.fault) throw this.fault;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private onData(chunk: Buffer): void {
    if (this.fault) return;
    this.bytes += chunk.length;
    let frames;
    try {
      frames = this.reader.push(chunk);
    } catch (e) {
      return this.after(() => this.setFault(e as GrpcError));
    }
    for (const frame of frames) {
      this.pending++;
      this.after(async () => {
        const bytes = frame.compressed
          ? await this.options.inflateGate.run(() =>
              inflateMessage(frame.payload, this.options.encoding, this.options.limits),
            )
          : frame.payload;
        this.ready.push(this.decode(bytes));
        this.signal();
      });
    }
    if (this.pending >= this.options.readAhead) this.stream.pause();
  }

  private onEnd(): void {
    if (this.reader.partial)
      this.setFault(new GrpcError(GrpcStatus.INTERNAL, 'the stream ended inside a message'));
    this.ended = true;
    this.signal();
  }

  private decode(bytes: Buffer): unknown {
    try {
      return this.options.decode(bytes);
    } catch (e) {
      throw new GrpcError(
        GrpcStatus.INVALID_ARGUMENT,
        `the request message could not be decoded: ${(e as Error).message.slice(0, 200)}`,
      );
    }
  }

  /** Runs `step` after every earlier one, so messages keep their order through inflation. */
  private after(step: () => void | Promise<void>): void {
    this.chain = this.chain.then(step).catch((e: unknown) => this.setFault(toGrpcError(e)));
  }

  private setFault(e: GrpcError): void {
    this.fault ??= e;
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

function toGrpcError(e: unknown): GrpcError {
  return e instanceof GrpcError
    ? e
    : new GrpcError(GrpcStatus.INTERNAL, 'could not read the request');
}
