// `npm run bench:cache`: the response cache on a repeated-request workload, on the seeded
// 64→256→256→10 MLP of bench/models (response_cache on, one ONNX Runtime thread). Each round
// runs every backend in turn (off, memory, redis: side by side), each on a fresh server:
//   HTTP:       dist/main.js, POST /v2/models/mlp/infer over 16 keep-alive connections;
//   data plane: InferenceService.infer() in a child process, 16 concurrent callers, no HTTP.
// Each measures two workloads: "mixed" (BENCH_REQUESTS requests, ~90% repeats of 200 inputs)
// and "hits only" (the 200 inputs again: all cached by then, except with the cache off).
// Rounds: BENCH_ROUNDS (default 5); the tables show medians over rounds. Needs
// redis-server on PATH (.ci/run installs it); the npm script builds first.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { startRedis } from '../test/helpers/redis-server';
import { startApp } from '../test/helpers/test-app';
import {
  CONCURRENCY,
  httpRun,
  inferBody,
  REPEAT_SHARE,
  REQUESTS,
  Run,
  workload,
} from './cache-workload';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BACKENDS = ['off', 'memory', 'redis'] as const;
type Backend = (typeof BACKENDS)[number];
type Level = 'http' | 'dataplane';
type Result = { mixed: Run; hits: Run };

const MODELS = join(__dirname, 'models');

async function http(env: Record<string, string>): Promise<Result> {
  const { mixed, hitsOnly, warmup } = workload();
  const app = await startApp(env);
  try {
    const port = Number(new URL(app.url).port);
    await httpRun(port, warmup.map(inferBody));
    return {
      mixed: await httpRun(port, mixed.map(inferBody)),
      hits: await httpRun(port, hitsOnly.map(inferBody)),
    };
  } finally {
    await app.close();
  }
}

async function dataplane(env: Record<string, string>): Promise<Result> {
  const script = join(__dirname, 'cache-dataplane.ts');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', script],
    {
      env: { ...process.env, ORT_DISABLE_TELEMETRY: '1', LOG_LEVEL: 'warn', ...env },
      maxBuffer: 1 << 24,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Result;
}

async function main(): Promise<void> {
  const redis = await startRedis();
  const client = new Redis(redis.url);
  const results: Record<Level, Record<Backend, Result[]>> = {
    http: { off: [], memory: [], redis: [] },
    dataplane: { off: [], memory: [], redis: [] },
  };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const level of ['http', 'dataplane'] as const) {
        for (const backend of BACKENDS) {
          await client.flushall();
          const env = { MODEL_REPOSITORY: MODELS, CACHE_BACKEND: backend, REDIS_URL: redis.url };
          const r = level === 'http' ? await http(env) : await dataplane(env);
          results[level][backend].push(r);
          console.error(
            `round ${round} ${level} ${backend}: mixed ${r.mixed.rps.toFixed(0)}, hits only ${r.hits.rps.toFixed(0)} req/s`,
          );
        }
      }
    }
  } finally {
    client.disconnect();
    await redis.kill();
  }
  console.log(
    `\nMLP 64→256→256→10, ${REQUESTS} requests per workload, ${CONCURRENCY} concurrent, ` +
      `${ROUNDS} rounds (medians)`,
  );
  for (const level of ['http', 'dataplane'] as const) report(level, results[level]);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/**
 * Medians over rounds. The machine is shared, so throughput drifts between rounds: each ratio is
 * taken within a round (backends measured minutes apart at most), then the median of those.
 */
function report(level: Level, results: Record<Backend, Result[]>): void {
  const title =
    level === 'http'
      ? 'HTTP (dist/main.js, Express)'
      : 'Data plane (InferenceService.infer, in process)';
  console.log(`\n${title}\n`);
  console.log(
    '| backend | workload | req/s | p50 ms | p99 ms | X-Cache HIT | vs off, per round: median (min–max) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  const ratios = (b: Backend, w: keyof Result): number[] =>
    results[b].map((r, i) => r[w].rps / results.off[i][w].rps);
  for (const b of BACKENDS) {
    for (const w of ['mixed', 'hits'] as const) {
      const runs = results[b].map((r) => r[w]);
      const m = (f: (r: Run) => number): number => median(runs.map(f));
      const rs = ratios(b, w);
      const cells = [
        b,
        w === 'mixed' ? `${REPEAT_SHARE * 100}% repeats` : 'hits only',
        m((r) => r.rps).toFixed(0),
        m((r) => r.p50).toFixed(2),
        m((r) => r.p99).toFixed(2),
        `${(m((r) => r.hits) * 100).toFixed(1)}%`,
        `${median(rs).toFixed(2)}× (${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)})`,
      ];
      console.log(`| ${cells.join(' | ')} |`);
    }
  }
  const ratio = (b: Backend): string => median(ratios(b, 'hits')).toFixed(2);
  console.log(
    `\nhits vs uncached: memory ${ratio('memory')}× (target ≥ 3×), redis ${ratio('redis')}×`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
