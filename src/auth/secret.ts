import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * One secret (ADMIN_TOKEN) compared in constant time: both sides are hashed first, so neither
 * the length nor a prefix leaks through timing.
 */
export class Secret {
  private readonly digest: Buffer;

  constructor(value: string) {
    this.digest = sha256(value);
  }

  matches(candidate: string): boolean {
    return timingSafeEqual(sha256(candidate), this.digest);
  }
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
