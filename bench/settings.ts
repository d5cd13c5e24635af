import { join } from 'node:path';

/** Where everything lives: the repository root, and the bench's own generated files (gitignored). */
export const ROOT = join(__dirname, '..');
export const BENCH_DIR = __dirname;
export const WORK_DIR = join(__dirname, '.models');
export const RESULTS_DIR = join(__dirname, 'results');

export type Adapter = 'express' | 'fastify';
export type Mode = 'auto' | 'on' | 'off';

/** The knobs of `npm run bench`, read once from the environment. */
export interface BenchSettings {
  /** Measured whole seconds per case (BENCH_DURATION, default 5). */
  readonly durationS: number;
  /** Discarded warm-up seconds before each case (BENCH_WARMUP, default 1; 0: none). */
  readonly warmupS: number;
  /** Unmeasured load before each server's first case, at 16 connections (BENCH_SERVER_WARMUP, default 5). */
  readonly serverWarmupS: number;
  /** Times the whole matrix is measured; the table shows the median (BENCH_ROUNDS, default 1). */
  readonly rounds: number;
  /** HTTP adapters to run Perch and the framework floor on (BENCH_ADAPTERS, default both). */
  readonly adapters: readonly Adapter[];
  /** The Flask column: auto = install the Debian packages if missing (as root), else skip. */
  readonly flask: Exclude<Mode, 'on'>;
  /** Only these scenario groups (BENCH_GROUPS, comma-separated ids; default all). */
  readonly groups: readonly string[] | undefined;
  /** /health/live requests per second while MLP-large is saturated (BENCH_PROBE_HZ, default 50). */
  readonly probeHz: number;
  /** Threads of the gRPC load generator (BENCH_GRPC_THREADS, default 1, as wrk runs with one). */
  readonly grpcThreads: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const adapters = list(env.BENCH_ADAPTERS) ?? ['express', 'fastify'];
  for (const a of adapters) {
    if (a !== 'express' && a !== 'fastify')
      throw new Error(`BENCH_ADAPTERS: unknown adapter '${a}'`);
  }
  return {
    durationS: num(env, 'BENCH_DURATION', 5, 1),
    warmupS: num(env, 'BENCH_WARMUP', 1, 0),
    serverWarmupS: num(env, 'BENCH_SERVER_WARMUP', 5, 0),
    rounds: num(env, 'BENCH_ROUNDS', 1, 1),
    adapters: adapters as Adapter[],
    flask: choice(env, 'BENCH_FLASK', ['auto', 'off'], 'auto'),
    groups: list(env.BENCH_GROUPS),
    probeHz: num(env, 'BENCH_PROBE_HZ', 50, 1),
    grpcThreads: num(env, 'BENCH_GRPC_THREADS', 1, 1),
  };
}

/** A whole-number knob `name` of at least `min`, `fallback` when unset; throws on anything else. */
export function num(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name}=${raw}: a whole number ≥ ${min}`);
  return value;
}

function choice<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as string[]).includes(raw))
    throw new Error(`${name}=${raw}: one of ${allowed.join(', ')}`);
  return raw as T;
}

function list(raw: string | undefined): string[] | undefined {
  const items = raw
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}
