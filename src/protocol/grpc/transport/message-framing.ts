import { GrpcError, GrpcStatus } from './grpc-status';

/** One length-prefixed message as it came off the wire: its flag and its (maybe compressed) bytes. */
export interface Frame {
  readonly compressed: boolean;
  readonly payload: Buffer;
}

const PREFIX_BYTES = 5;

/** A message with gRPC's 5-byte prefix: the compressed flag, then the length, big-endian. */
export function frameMessage(payload: Buffer, compressed: boolean): Buffer {
  const prefix = Buffer.allocUnsafe(PREFIX_BYTES);
  prefix.writeUInt8(compressed ? 1 : 0, 0);
  prefix.writeUInt32BE(payload.length, 1);
  return Buffer.concat([prefix, payload]);
}

/**
 * Cuts a stream of DATA bytes into messages. A message longer than `maxBytes` is refused from its
 * prefix, before its bytes are buffered, so a client cannot make the server hold more than that
 * for one message (plus the chunk being read).
 */
export class FrameReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The messages `chunk` completes, in order; throws RESOURCE_EXHAUSTED for an oversized one. */
  push(chunk: Buffer): Frame[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.pendingBytes < PREFIX_BYTES) break;
      const head = this.peek(PREFIX_BYTES);
      const length = head.readUInt32BE(1);
      if (length > this.maxBytes) {
        throw new GrpcError(
          GrpcStatus.RESOURCE_EXHAUSTED,
          `the request message is ${length} bytes; the largest accepted is ${this.maxBytes} (MAX_REQUEST_BYTES)`,
        );
      }
      if (this.pendingBytes < PREFIX_BYTES + length) break;
      const whole = this.take(PREFIX_BYTES + length);
      frames.push({ compressed: whole[0] === 1, payload: whole.subarray(PREFIX_BYTES) });
    }
    return frames;
  }

  /** Whether a message has started and not finished (the stream must not end here). */
  get partial(): boolean {
    return this.pendingBytes > 0;
  }

  private peek(n: number): Buffer {
    if (this.pending[0].length < n) this.pending = [Buffer.concat(this.pending)];
    return this.pending[0].subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    const rest = all.subarray(n);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return all.subarray(0, n);
  }
}
