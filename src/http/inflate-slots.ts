import type { IncomingMessage } from 'node:http';
import { abortedBodyError } from './client-error';

/**
 * Bounds how many compressed bodies are inflated at once: each inflation may hold up to
 * MAX_REQUEST_BYTES, so this bounds that memory by `size × MAX_REQUEST_BYTES` however many clients
 * send bombs together. A request waits, first come first served, without its body being read (TCP
 * pushes back on the client meanwhile); one whose connection closes while waiting leaves the line.
 */
export class InflateSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  /** Resolves with the function that gives the slot back (call it once, whatever happens). */
  acquire(req: IncomingMessage): Promise<() => void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        req.off('close', leave);
        resolve(this.releaser());
      };
      const leave = (): void => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(abortedBodyError(req));
      };
      this.waiting.push(grant);
      req.once('close', leave);
    });
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so `free` never overcounts.
      if (next) next();
      else this.free++;
    };
  }
}
