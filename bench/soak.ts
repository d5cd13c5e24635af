/**
 * `npm run soak` (issue 7 §7): the real server (dist/main.js on the example models in models/,
 * every setting at its default) under steady mixed traffic for SOAK_SECONDS (default 600):
 * ~70% valid requests over every protocol and encoding, each answer checked, and ~30% invalid
 * ones that must be refused with a 4xx and a {"error"} body. Every 5 s it samples the server's
 * RSS, V8 heap and event-loop lag; at the end it SIGTERMs the server, prints the samples and a
 * summary, writes both to bench/results/soak-<timestamp>.json, and exits 1 on any failed
 * request, on memory growth, or when the server does not exit 0. Knobs:
 * docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { git } from './run-facts';
import { fetchReply, RunningServer } from './servers/child-server';
import { startPerch } from './servers/perch';
import { RESULTS_DIR, ROOT, num } from './settings';
import { SoakCase } from './soak-case';
import { INVALID_CASES } from './soak-invalid';
import { renderSamples, renderSummary } from './soak-report';
import { Sample, sample } from './soak-sampler';
import { summarize } from './soak-summary';
import { Traffic, TrafficTotals, startTraffic } from './soak-traffic';
import { VALID_CASES } from './soak-valid';

const SAMPLE_SECONDS = 5;
const SEED = 7;

interface Settings {
  readonly durationS: number;
  readonly connections: number;
  readonly rps: number;
}

/**
 * Sends the heaviest request of the mix on every connection at once, before any sample: the
 * worst the traffic can do to memory at one moment (each gzip bomb holds up to MAX_REQUEST_BYTES
 * while it inflates). The allocator keeps its high-water mark and reuses it, so without this the
 * first time the random draw lines up a few bombs looks like growth wherever in the run it falls.
 * What follows must then stay within that mark: growth after it is real.
 */
async function primeHighWaterMark(server: RunningServer, connections: number): Promise<void> {
  const bomb = INVALID_CASES.find((c) => c.name === 'gzip bomb');
  if (!bomb) throw new Error("soak: the mix has no 'gzip bomb' case to prime with");
  const random = () => 0.5;
  const wrong = await Promise.all(
    Array.from({ length: connections }, async () => {
      const request = bomb.make(random);
      return request.check(await fetchReply(`${server.url}${request.path}`, request));
    }),
  );
  const failed = wrong.filter((w) => w !== undefined);
  if (failed.length > 0) throw new Error(`soak: priming bombs were not refused: ${failed[0]}`);
}

/** Runs the traffic, sampling every SAMPLE_SECONDS; stops early if the server ends. */
async function drive(
  server: RunningServer,
  cases: readonly SoakCase[],
  settings: Settings,
): Promise<{ samples: Sample[]; totals: TrafficTotals; ended?: string }> {
  await primeHighWaterMark(server, settings.connections);
  // A reading before any traffic: RSS at ready, and it starts the lag histogram afresh.
  const idle = { valid: 0, invalid: 0, failures: 0 };
  const samples = [await sample(server.url, server.pid, 0, 1, idle)];
  const traffic = startTraffic(server.url, cases, { ...settings, seed: SEED });
  const ended = await sampleUntil(server, traffic, samples, settings.durationS).catch(
    async (e: unknown) => {
      await traffic.stop();
      throw e;
    },
  );
  return { samples, totals: await traffic.stop(), ended };
}

/** Appends a sample every SAMPLE_SECONDS for `durationS`; resolves early with why the server ended. */
async function sampleUntil(
  server: RunningServer,
  traffic: Traffic,
  samples: Sample[],
  durationS: number,
): Promise<string | undefined> {
  const t0 = performance.now();
  for (let k = 1; k * SAMPLE_SECONDS <= durationS; k++) {
    const wait = t0 + k * SAMPLE_SECONDS * 1000 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const ended = server.exited();
    if (ended) return ended;
    const t = (performance.now() - t0) / 1000;
    const since = t - samples[samples.length - 1].t;
    const s = await sample(server.url, server.pid, t, since, traffic.take());
    samples.push(s);
    console.log(
      `${Math.round(t)} s: RSS ${s.rssMiB.toFixed(1)} MiB, heap ${s.heapMiB.toFixed(1)} MiB, ` +
        `lag p99 ${s.lagP99Ms.toFixed(1)} ms, ${s.reqPerSec.toFixed(1)} req/s, ${s.failures} failures`,
    );
  }
  return undefined;
}

async function main(): Promise<void> {
  const started = new Date();
  const loadAtStart = loadavg()[0];
  const settings: Settings = {
    durationS: num(process.env, 'SOAK_SECONDS', 600, SAMPLE_SECONDS),
    connections: num(process.env, 'SOAK_CONNECTIONS', 4, 1),
    rps: num(process.env, 'SOAK_RPS', 100, 1),
  };
  const cases = [...VALID_CASES, ...INVALID_CASES];
  const server = await startPerch(join(ROOT, 'models'));
  console.log(
    `soak: Perch pid ${server.pid} at ${server.url}; ${settings.durationS} s at ~${settings.rps} ` +
      `req/s over ${settings.connections} connections`,
  );
  const run = await drive(server, cases, settings).catch(async (e: unknown) => {
    await server.stop();
    throw e;
  });
  const serverExit = await server.stop();
  const durationS = run.samples[run.samples.length - 1].t;
  const summary = summarize(run.samples, run.totals, durationS, serverExit, run.ended);
  const result = {
    command: `SOAK_SECONDS=${settings.durationS} SOAK_CONNECTIONS=${settings.connections} SOAK_RPS=${settings.rps} npm run soak`,
    commit: git(),
    started: started.toISOString(),
    machine: {
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg()[0],
    },
    settings: { ...settings, sampleSeconds: SAMPLE_SECONDS, seed: SEED },
    mix: cases.map((c) => ({ name: c.name, valid: c.valid, weight: c.weight })),
    summary,
    totals: run.totals,
    samples: run.samples,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `soak-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${renderSamples(run.samples)}\n\n${renderSummary(summary, run.totals)}`);
  console.log(`\nwritten to ${file}`);
  if (summary.problems.length > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(`soak failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
