/**
 * `npm run bench:memory` (issue 17): the two memory budgets against their targets, each beside a
 * baseline run in the same invocation.
 * - Many models: BENCH_MEMORY_MODELS (1000) iris copies under MAX_LOADED_MODELS=BENCH_MEMORY_RESIDENT
 *   (50): ready time, RSS, a Zipf(BENCH_MEMORY_ZIPF_S, 1.0) stream over all of them at 16
 *   connections for BENCH_MEMORY_SECONDS (60), hit rate, evictions/s, hot and cold latency, and
 *   cold first answers against their load time, with the server's heap at BENCH_MEMORY_HEAP_MB (512,
 *   as deploy/ sets it) and again with Node's default heap. Baseline: the resident count of
 *   copies, no budget.
 * - Hostile bodies: BENCH_MEMORY_BODIES (8) concurrent JSON bodies of BENCH_MEMORY_BODY_MB (60) MB of
 *   tiny rows while a client keeps calling iris, under MAX_INFLIGHT_BODY_BYTES=BENCH_MEMORY_BODY_BUDGET
 *   (1 GiB: the default of a 4 GiB pod), V2 and V1, and, as the baseline, V2 with no budget.
 * - The parse cost behind JSON_PARSE_WEIGHT, in a fresh process (bench/memory-parse-cost.ts).
 * Writes the markdown report to stdout (and to BENCH_MEMORY_OUT when set). One round of each.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { hostileBodies, HostileBodiesResult } from './memory-bodies';
import { manyModels, ManyModelsResult } from './memory-models';
import { BENCH_DIR } from './settings';
import { median } from './stats';

const env = (name: string, fallback: number): number => {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : Number(value);
};

const MODELS = env('BENCH_MEMORY_MODELS', 1000);
const RESIDENT = env('BENCH_MEMORY_RESIDENT', 50);
const SECONDS = env('BENCH_MEMORY_SECONDS', 60);
const ZIPF_S = env('BENCH_MEMORY_ZIPF_S', 1.0);
const BODIES = env('BENCH_MEMORY_BODIES', 8);
const BODY_MB = env('BENCH_MEMORY_BODY_MB', 60);
const BODY_BUDGET = env('BENCH_MEMORY_BODY_BUDGET', 1024 ** 3);
/** The heap deploy/ gives the server: half of its 1 GiB memory limit. */
const HEAP_MB = env('BENCH_MEMORY_HEAP_MB', 512);

const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** The V8 heap limit Node gives a process on this machine by default, MiB. */
function heapLimitMb(): number {
  return getHeapStatistics().heap_size_limit / 1024 ** 2;
}

function parseCost(protocol: string): { ms: number; weight: number } {
  const out = execFileSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      join(BENCH_DIR, 'memory-parse-cost.ts'),
      protocol,
      String(BODY_MB),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { ms: number; weight: number };
}

function modelsTable(runs: readonly ManyModelsResult[]): string[] {
  const row = (name: string, cell: (r: ManyModelsResult) => string): string =>
    `| ${name} | ${runs.map(cell).join(' | ')} |`;
  return [
    `| | ${runs.map((r) => r.label).join(' | ')} |`,
    `|---|${runs.map(() => '---').join('|')}|`,
    row('models in the repository', (r) => String(r.models)),
    row('ready (spawn → /v2/health/ready 200), s', (r) => f(r.readyMs / 1000, 2)),
    row(
      'RSS when ready / end / peak, MiB',
      (r) => `${f(r.rssReady, 0)} / ${f(r.rssEnd, 0)} / ${f(r.rssPeak, 0)}`,
    ),
    row('requests (errors)', (r) => `${r.requests} (${r.errors})`),
    row('throughput, req/s', (r) => f(r.throughput, 0)),
    row('hit rate (1 − cold-start waits ÷ requests)', (r) => f(r.hitRate * 100, 1) + ' %'),
    row('evictions/s (loads)', (r) => `${f(r.evictionsPerSecond, 1)} (${r.loads})`),
    row('all p50 / p99, ms', (r) => `${f(r.all.p50, 2)} / ${f(r.all.p99, 2)}`),
    row('hot p50 / p99, ms (n)', (r) => `${f(r.hot.p50, 2)} / ${f(r.hot.p99, 2)} (${r.hot.n})`),
    row('cold p50 / p99, ms (n)', (r) => `${f(r.cold.p50, 2)} / ${f(r.cold.p99, 2)} (${r.cold.n})`),
    row('cold first answer alone: load time median, ms', (r) => f(median(r.coldLoadMs), 1)),
    row('… answer − load time: median / max, ms', (r) =>
      r.coldOverheadMs.length === 0
        ? '–'
        : `${f(median(r.coldOverheadMs), 1)} / ${f(Math.max(...r.coldOverheadMs), 1)}`,
    ),
  ];
}

function bodiesTable(runs: readonly HostileBodiesResult[]): string[] {
  const row = (name: string, cell: (r: HostileBodiesResult) => string): string =>
    `| ${name} | ${runs.map(cell).join(' | ')} |`;
  return [
    `| | ${runs.map((r) => r.label).join(' | ')} |`,
    `|---|${runs.map(() => '---').join('|')}|`,
    row('MAX_INFLIGHT_BODY_BYTES', (r) =>
      r.budgetBytes === 0 ? '0 (off)' : String(r.budgetBytes),
    ),
    row('bodies × size', (r) => `${r.bodies} × ${f(r.bodyBytes / 1e6, 1)} MB`),
    row(
      'answers 200 / 503 + Retry-After / other',
      (r) => `${r.ok} / ${r.refusedWithRetryAfter} / ${r.other}`,
    ),
    row('process alive after', (r) => (r.alive ? 'yes' : '**no**')),
    row('RSS idle / peak, MiB', (r) => `${f(r.rssIdle, 0)} / ${f(r.rssPeak, 0)}`),
    row('small model idle p50 / p99, ms', (r) => `${f(r.idle.p50, 2)} / ${f(r.idle.p99, 2)}`),
    row(
      'small model under bodies p50 / p99, ms (failed)',
      (r) => `${f(r.hostile.p50, 2)} / ${f(r.hostile.p99, 2)} (${r.hostile.failed})`,
    ),
    row('p99 under bodies ÷ idle p99', (r) => f(r.hostile.p99 / r.idle.p99, 1) + '×'),
    row(
      '/health/live slowest answer, ms (failed)',
      (r) => `${f(r.liveMaxMs, 0)} (${r.liveFailed})`,
    ),
    row('phase length, s', (r) => f(r.phaseMs / 1000, 1)),
  ];
}

async function main(): Promise<void> {
  const started = new Date().toISOString();
  const load = loadavg()[0];
  const v2 = parseCost('v2');
  const v2Large = parseCost('v2-large');
  const v1 = parseCost('v1');
  const models = [
    await manyModels({
      label: `${MODELS} models, MAX_LOADED_MODELS=${RESIDENT}, heap ${HEAP_MB} MiB as in deploy/`,
      models: MODELS,
      resident: RESIDENT,
      seconds: SECONDS,
      connections: 16,
      zipfS: ZIPF_S,
      coldProbes: 20,
      heapMb: HEAP_MB,
    }),
    await manyModels({
      label: `the same, Node's default heap (${f(heapLimitMb(), 0)} MiB here)`,
      models: MODELS,
      resident: RESIDENT,
      seconds: SECONDS,
      connections: 16,
      zipfS: ZIPF_S,
      coldProbes: 0,
    }),
    await manyModels({
      label: `baseline: ${RESIDENT} models, no budget`,
      models: RESIDENT,
      resident: 0,
      seconds: Math.min(SECONDS, 20),
      connections: 16,
      zipfS: ZIPF_S,
      coldProbes: 0,
    }),
  ];
  const bodies = [
    await hostileBodies({
      label: 'body budget',
      budgetBytes: BODY_BUDGET,
      bodies: BODIES,
      bodyMb: BODY_MB,
      idleSeconds: 5,
    }),
    await hostileBodies({
      label: 'V1 bodies, body budget',
      protocol: 'v1',
      budgetBytes: BODY_BUDGET,
      bodies: BODIES,
      bodyMb: BODY_MB,
      idleSeconds: 5,
    }),
    await hostileBodies({
      label: 'baseline: no budget',
      budgetBytes: 0,
      bodies: BODIES,
      bodyMb: BODY_MB,
      idleSeconds: 5,
    }),
  ];
  const lines = [
    `Run ${started}, one round of each case; ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${f(totalmem() / 1024 ** 3, 0)} GiB RAM, load average ${f(load, 2)} at start.`,
    `Settings: BENCH_MEMORY_SECONDS=${SECONDS} BENCH_MEMORY_MODELS=${MODELS} BENCH_MEMORY_RESIDENT=${RESIDENT} BENCH_MEMORY_ZIPF_S=${ZIPF_S} BENCH_MEMORY_BODIES=${BODIES} BENCH_MEMORY_BODY_MB=${BODY_MB} BENCH_MEMORY_BODY_BUDGET=${BODY_BUDGET} BENCH_MEMORY_HEAP_MB=${HEAP_MB}.`,
    '',
    '### Many models (Zipf stream, 16 connections)',
    '',
    ...modelsTable(models),
    '',
    '### Hostile bodies (JSON of tiny rows to iris_big, while one client calls iris)',
    '',
    ...bodiesTable(bodies),
    '',
    '### Parse cost of one JSON body (fresh process)',
    '',
    '| one body of tiny rows | parse + decode, s | peak RSS growth ÷ body |',
    '|---|---|---|',
    `| V2 ${BODY_MB} MB, parsed whole (the event loop's path for small bodies) | ${f(v2.ms / 1000, 1)} | ${f(v2.weight, 1)}× |`,
    `| V2 ${BODY_MB} MB, the JSON thread's path (data read straight into typed arrays) | ${f(v2Large.ms / 1000, 1)} | ${f(v2Large.weight, 1)}× |`,
    `| V1 ${BODY_MB} MB instances, parsed whole and decoded (V1 always is) | ${f(v1.ms / 1000, 1)} | ${f(v1.weight, 1)}× |`,
    '',
    'JSON_PARSE_WEIGHT is 10: the body budget charges every JSON body the worst of these (a client chooses its path: V1, string data and any body the fast path hands back are parsed whole).',
  ];
  const report = lines.join('\n');
  console.log(report);
  if (process.env.BENCH_MEMORY_OUT) writeFileSync(process.env.BENCH_MEMORY_OUT, report + '\n');
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
