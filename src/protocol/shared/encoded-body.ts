/**
 * A response already serialized by a codec. Adapters write it as-is: exact Content-Type (no
 * charset appended, as Triton sends it), exact bytes. The only response type protocol code returns.
 */
export class EncodedBody {
  constructor(
    readonly body: Buffer,
    readonly contentType: string,
    /** Overrides the route's status, for answers whose status depends on the outcome (health). */
    readonly status?: number,
    readonly headers: Readonly<Record<string, string>> = {},
    /** Inference answers may be compressed when the client accepts it; errors and probes stay plain. */
    readonly compressible = false,
  ) {}

  /** `value` as JSON text with `Content-Type: application/json`. */
  static json(value: unknown, status?: number, headers?: Record<string, string>): EncodedBody {
    return new EncodedBody(Buffer.from(JSON.stringify(value)), 'application/json', status, headers);
  }

  /** The same answer with `extra` headers added (a header of the same name is replaced). */
  withHeaders(extra: Readonly<Record<string, string>>): EncodedBody {
    const headers = { ...this.headers, ...extra };
    return new EncodedBody(this.body, this.contentType, this.status, headers, this.compressible);
  }

  /** The same answer, marked as an inference result the adapter may compress. */
  asCompressible(): EncodedBody {
    return new EncodedBody(this.body, this.contentType, this.status, this.headers, true);
  }
}
