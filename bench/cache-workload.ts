// The cache bench's workload and load generators (bench/cache.ts runs them).
import { Agent, request } from 'node:http';

/** Requests per workload (BENCH_REQUESTS), distinct repeated inputs, and the share of repeats. */
export const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 6000);
export const HOT = 200;
export const REPEAT_SHARE = 0.9;
export const CONCURRENCY = 16;

/** mulberry32, so every run (and every process) builds the same requests. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Row = readonly number[];

/**
 * The MLP's input rows: `mixed` (~90% repeats of HOT rows), `hitsOnly` (the HOT rows again) and
 * `warmup`, a mixed workload of other rows (another seed) that warms the JIT and the caches alike
 * without caching any row the measured workloads send.
 */
export function workload(seed = 64): { mixed: Row[]; hitsOnly: Row[]; warmup: Row[] } {
  const random = seeded(seed);
  const row = (): Row => Array.from({ length: 64 }, () => Number((random() * 2 - 1).toFixed(6)));
  const hot = Array.from({ length: HOT }, row);
  const mixed = Array.from({ length: REQUESTS }, () =>
    random() < REPEAT_SHARE ? hot[Math.floor(random() * HOT)] : row(),
  );
  const hitsOnly = Array.from({ length: REQUESTS }, (_, i) => hot[i % HOT]);
  return { mixed, hitsOnly, warmup: seed === 64 ? workload(seed + 1).mixed : [] };
}

export interface Run {
  /** Requests per second. */
  readonly rps: number;
  /** Latency percentiles, ms. */
  readonly p50: number;
  readonly p99: number;
  /** Share of answers served from the cache. */
  readonly hits: number;
}

/** Runs `call` once per item over CONCURRENCY concurrent callers; `call` resolves true for a cache HIT. */
export async function drive<T>(
  items: readonly T[],
  call: (item: T) => Promise<boolean>,
): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  let hits = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      const t0 = performance.now();
      if (await call(item)) hits++;
      latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.floor(q * (latencies.length - 1))];
  return { rps: items.length / seconds, p50: at(0.5), p99: at(0.99), hits: hits / items.length };
}

/** The V2 JSON body of one row, as clients send it. */
export function inferBody(row: Row): Buffer {
  const input = { name: 'input', shape: [1, 64], datatype: 'FP32', data: row };
  return Buffer.from(JSON.stringify({ inputs: [input] }));
}

/** POSTs bodies to the MLP over keep-alive connections. */
export async function httpRun(port: number, bodies: readonly Buffer[]): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const path = '/v2/models/mlp/infer';
  const post = (body: Buffer): Promise<boolean> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`infer answered ${res.statusCode}`));
        res.resume().on('end', () => resolve(res.headers['x-cache'] === 'HIT'));
      });
      req.on('error', reject);
      req.end(body);
    });
  try {
    return await drive(bodies, post);
  } finally {
    agent.destroy();
  }
}
