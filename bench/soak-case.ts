import { AnswerCheck } from './answer-checks';

/** One request of the soak, ready to send, and how to tell a right answer. */
export interface SoakRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly check: AnswerCheck;
}

/**
 * A kind of request in the soak's mix. `weight` is its share of all requests (the weights of
 * all cases add up to 100); `make` draws a fresh request from the seeded random source, so the
 * inputs vary (nothing repeats often enough to be served from a cache) yet every run is the same.
 */
export interface SoakCase {
  readonly name: string;
  readonly valid: boolean;
  readonly weight: number;
  readonly make: (random: () => number) => SoakRequest;
}

export const JSON_TYPE = { 'content-type': 'application/json' };

/** A POST of `body` written as JSON text (a string is sent as it is, to send broken JSON). */
export function post(path: string, body: unknown, check: AnswerCheck): SoakRequest {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { method: 'POST', path, headers: JSON_TYPE, body: Buffer.from(text), check };
}

export function get(path: string, check: AnswerCheck): SoakRequest {
  return { method: 'GET', path, headers: {}, check };
}

/** Triton's binary tensor extension: the JSON header, then the raw tensor bytes. */
export function binary(path: string, header: object, raw: Buffer, check: AnswerCheck): SoakRequest {
  const json = Buffer.from(JSON.stringify(header));
  return {
    method: 'POST',
    path,
    headers: {
      'content-type': 'application/octet-stream',
      'inference-header-content-length': String(json.length),
    },
    body: Buffer.concat([json, raw]),
    check,
  };
}

/** A whole number in [min, max]. */
export function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** `count` draws from `items`, with repeats. */
export function pick<T>(random: () => number, items: readonly T[], count = 1): T[] {
  return Array.from({ length: count }, () => items[Math.floor(random() * items.length)]);
}
