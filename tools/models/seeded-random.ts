/**
 * mulberry32 (Tommy Ettinger, public domain): a tiny 32-bit PRNG, so generated weights and bench
 * inputs are the same bytes on every machine and run. Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` float32 values drawn uniformly from [-limit, limit). */
export function uniformFloats(next: () => number, count: number, limit: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (next() * 2 - 1) * limit;
  return out;
}
