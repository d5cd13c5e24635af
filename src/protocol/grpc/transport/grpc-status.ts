/** gRPC status codes (grpc/doc/statuscodes.md), the numbers sent in `grpc-status`. */
export enum GrpcStatus {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  DEADLINE_EXCEEDED = 4,
  NOT_FOUND = 5,
  ALREADY_EXISTS = 6,
  PERMISSION_DENIED = 7,
  RESOURCE_EXHAUSTED = 8,
  FAILED_PRECONDITION = 9,
  ABORTED = 10,
  OUT_OF_RANGE = 11,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
  UNAVAILABLE = 14,
  DATA_LOSS = 15,
  UNAUTHENTICATED = 16,
}

/** A call's outcome as the trailers carry it. */
export interface CallStatus {
  readonly code: GrpcStatus;
  readonly message: string;
  /** Extra trailing metadata (e.g. `retry-after`), lower-case ASCII names. */
  readonly trailers?: Readonly<Record<string, string>>;
}

/** An error a handler throws to end its call with this status; the message goes to the client. */
export class GrpcError extends Error {
  constructor(
    readonly code: GrpcStatus,
    message: string,
    readonly trailers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

/**
 * `grpc-message` as the protocol spells it: UTF-8, with every byte outside printable ASCII, and
 * `%` itself, percent-encoded (grpc/doc/PROTOCOL-HTTP2.md).
 */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
