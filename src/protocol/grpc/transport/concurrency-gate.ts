/**
 * At most `size` tasks at once, the rest waiting first come first served. The gRPC transport
 * inflates compressed messages through one gate, so memory for inflation is bounded by
 * `size × MAX_REQUEST_BYTES` however many calls send compressed messages together (the HTTP
 * side bounds its bodies the same way, http/inflate-slots.ts).
 */
export class ConcurrencyGate {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so `free` never overcounts.
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
