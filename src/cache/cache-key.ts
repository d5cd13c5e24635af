import { createHash, Hash } from 'node:crypto';
import { Tensor } from '../common/tensor/tensor';

/** Everything an answer depends on. Request ids and encoding choices are left out: they change no output. */
export interface CacheKeyParts {
  readonly model: string;
  readonly version: number;
  /** SHA-256 of the model file, so a file replaced under the same version number misses. */
  readonly fingerprint: string;
  /** Read before the session runs: run() takes ownership of (detaches) the input buffers. */
  readonly inputs: readonly Tensor[];
  /** The outputs the model will return, in order, with the parameters the client attached to each. */
  readonly outputs: readonly CacheKeyOutput[];
}

export interface CacheKeyOutput {
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** Where an entry lives: model and version stay readable (Redis key namespace), the rest is hashed. */
export interface CacheKey {
  readonly model: string;
  readonly version: number;
  /** SHA-256 hex of every part. */
  readonly hash: string;
}

/** Bumped when what goes into the hash or the stored value changes, so old entries simply miss. */
const KEY_FORMAT = 'perch-response-cache/1';

/**
 * SHA-256 over the parts, each length-prefixed so no two different requests write the same byte
 * stream (["ab","c"] vs ["a","bc"]). A cryptographic hash, not xxhash: a shared cache serves one
 * client's answers to another, so a collision someone can construct would be a poisoning attack.
 */
export function cacheKey(parts: CacheKeyParts): CacheKey {
  const h = new KeyHasher();
  h.text(KEY_FORMAT);
  h.text(parts.model);
  h.number(parts.version);
  h.text(parts.fingerprint);
  h.number(parts.inputs.length);
  for (const input of parts.inputs) {
    h.text(input.name);
    h.text(input.datatype);
    h.number(input.shape.length);
    for (const d of input.shape) h.number(d);
    h.data(input.data);
  }
  h.number(parts.outputs.length);
  for (const output of parts.outputs) {
    h.text(output.name);
    h.text(canonicalJson(output.parameters));
  }
  return { model: parts.model, version: parts.version, hash: h.digest() };
}

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Feeds length-prefixed fields to one SHA-256. */
class KeyHasher {
  private readonly hash: Hash = createHash('sha256');
  private readonly scratch = Buffer.alloc(8);

  /** A float64: exact for every shape dimension, count and length Perch can hold. */
  number(n: number): void {
    this.scratch.writeDoubleLE(n);
    this.hash.update(this.scratch);
  }

  text(s: string): void {
    this.number(Buffer.byteLength(s, 'utf8'));
    this.hash.update(s, 'utf8');
  }

  /** Raw element bytes of a typed array (a view, no copy); BYTES elements one by one. */
  data(data: Tensor['data']): void {
    if (Array.isArray(data)) {
      this.number(data.length);
      for (const s of data) this.text(s);
      return;
    }
    this.number(data.byteLength);
    this.hash.update(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
