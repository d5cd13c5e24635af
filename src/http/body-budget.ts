import type { IncomingHttpHeaders } from 'node:http';
import { OverloadedError } from '../common/errors/serving.errors';
import { contentLength } from '../common/content-length';

/**
 * Bytes of memory a JSON body costs per byte while it is parsed and decoded: the worst path
 * measured, with a margin. 60 MB of tiny rows grew the peak RSS by 7.7× their size as a V1 body,
 * 7.3× as a V2 body parsed whole, 0.9× on the JSON thread's V2 path (`npm run bench:memory`,
 * bench/memory-parse-cost.ts, bench/RESULTS-memory.md), and 60 MB of two-letter BYTES strings
 * by 5.8×. A client chooses which path its body takes, so every JSON body is charged the worst.
 */
export const JSON_PARSE_WEIGHT = 10;

/**
 * The memory budget of request bodies being read and parsed (MAX_INFLIGHT_BODY_BYTES). A request
 * is admitted, before its body is read, with the weight its Content-Length declares; a body that
 * declares less than it delivers (chunked, compressed) is charged as its bytes arrive. The
 * weight is held until the answer has been sent (parsing and decoding happen in between). Past
 * the budget new requests get OverloadedError (503 + Retry-After). 0 means no budget.
 *
 * A body weighing more than half the budget ("oversized": any body within MAX_REQUEST_BYTES must
 * still be servable) is admitted one at a time and charged half the budget, so the other half
 * keeps serving ordinary requests meanwhile. Memory held by bodies is thus at most half the
 * budget plus one MAX_REQUEST_BYTES body at its weight.
 */
export class BodyBudget {
  private used = 0;
  private refused = 0;
  private oversizedHeld = false;

  constructor(readonly limitBytes: number) {}

  /** Weighted bytes held now. */
  get inUse(): number {
    return this.used;
  }

  /** Requests refused so far. */
  get rejected(): number {
    return this.refused;
  }

  /** Admits one request by its headers, or throws OverloadedError; release the ticket once. */
  admit(headers: IncomingHttpHeaders): BodyTicket {
    const weight = isJsonBody(headers) ? JSON_PARSE_WEIGHT : 1;
    const declared = declaredBytes(headers);
    const half = this.limitBytes / 2;
    const oversized = this.limitBytes > 0 && declared * weight > half;
    const cost = oversized ? half : declared * weight;
    if ((oversized && this.oversizedHeld) || !this.fits(cost, 0)) {
      this.refused++;
      throw this.overloaded();
    }
    this.used += cost;
    if (oversized) this.oversizedHeld = true;
    // An oversized body is charged once, whole: it is alone of its kind.
    return new BodyTicket(this, oversized ? 0 : weight, declared, cost, oversized);
  }

  /** Takes `cost` more for a ticket already holding `held`; false when it does not fit. */
  take(cost: number, held: number): boolean {
    if (!this.fits(cost, held)) return false;
    this.used += cost;
    return true;
  }

  give(cost: number, oversized: boolean): void {
    this.used -= cost;
    if (oversized) this.oversizedHeld = false;
  }

  overloaded(): OverloadedError {
    return new OverloadedError(
      `the server is reading and parsing as many request bodies as its memory budget allows (MAX_INFLIGHT_BODY_BYTES=${this.limitBytes}); retry shortly`,
    );
  }

  /** Within the budget, or nothing else is held (a body alone always goes through). */
  private fits(cost: number, held: number): boolean {
    if (this.limitBytes === 0 || this.used === held) return true;
    return this.used + cost <= this.limitBytes;
  }
}

/** One request's share of the BodyBudget, from admission until its answer is sent. */
export class BodyTicket {
  private bytes: number;
  private held: number;
  private released = false;

  /** `weight` 0: the ticket already covers whatever the body delivers. */
  constructor(
    private readonly budget: BodyBudget,
    private readonly weight: number,
    declared: number,
    held: number,
    private readonly oversized: boolean,
  ) {
    this.bytes = declared;
    this.held = held;
  }

  /** Called with the body's bytes so far (after inflation); false when the rest does not fit. */
  cover(total: number): boolean {
    if (total <= this.bytes || this.released) return true;
    const cost = (total - this.bytes) * this.weight;
    if (!this.budget.take(cost, this.held)) return false;
    this.bytes = total;
    this.held += cost;
    return true;
  }

  /** The error for a body that outgrew what the budget could cover. */
  refusal(): OverloadedError {
    return this.budget.overloaded();
  }

  /** Gives the weight back; later calls do nothing. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.budget.give(this.held, this.oversized);
  }
}

/** Identity bodies declare their size; compressed and chunked ones are charged as they arrive. */
function declaredBytes(headers: IncomingHttpHeaders): number {
  if (headers['content-encoding'] && headers['content-encoding'] !== 'identity') return 0;
  const length = contentLength(headers['content-length']);
  return Number.isFinite(length) && length > 0 ? length : 0;
}

/** JSON unless the body is the binary tensor extension or raw bytes (decoded in place, weight 1). */
function isJsonBody(headers: IncomingHttpHeaders): boolean {
  if (headers['inference-header-content-length'] !== undefined) return false;
  const type = String(headers['content-type'] ?? '').toLowerCase();
  return !type.startsWith('application/octet-stream');
}
