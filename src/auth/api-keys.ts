import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A set of API keys checked in constant time: each candidate is hashed (so lengths never leak)
 * and compared against every key, without stopping at the first match.
 */
export class ApiKeys {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  get enabled(): boolean {
    return this.digests.length > 0;
  }

  matches(candidate: string): boolean {
    const d = digest(candidate);
    let found = false;
    for (const key of this.digests) found = timingSafeEqual(d, key) || found;
    return found;
  }
}

/** The key a request presents: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(headers: Record<string, unknown>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    if (m) return m[1].trim();
  }
  const key = headers['x-api-key'];
  return typeof key === 'string' && key.length > 0 ? key.trim() : undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
