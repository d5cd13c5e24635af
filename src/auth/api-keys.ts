import { timingSafeEqual } from 'node:crypto';
import { sha256 } from './secret';

/**
 * A set of API keys checked in constant time: each candidate is hashed (so lengths never leak)
 * and compared against every key, without stopping at the first match.
 */
export class ApiKeys {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(sha256);
  }

  get enabled(): boolean {
    return this.digests.length > 0;
  }

  /** The index of the key `candidate` is, or -1; the index names a client without the secret. */
  find(candidate: string): number {
    const d = sha256(candidate);
    let found = -1;
    this.digests.forEach((key, i) => {
      if (timingSafeEqual(d, key)) found = i;
    });
    return found;
  }
}

/** The key a request presents: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(headers: Readonly<Record<string, unknown>>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    if (m) return m[1].trim();
  }
  const key = headers['x-api-key'];
  return typeof key === 'string' && key.length > 0 ? key.trim() : undefined;
}

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(headers: Readonly<Record<string, unknown>>): string | undefined {
  const auth = headers.authorization;
  const m = typeof auth === 'string' ? /^Bearer (.+)$/i.exec(auth) : null;
  return m ? m[1] : undefined;
}
