/**
 * `npm run bench` (issue 4 §6): Perch side by side with its baselines in one run on this machine.
 * Writes the bench repository, learns what this Perch supports, then for each round starts every
 * server and measures the cases in scenario order with wrk, so the servers of one scenario are
 * measured back to back; writes bench/results/<timestamp>.md and prints it. Knobs: settings.ts
 * and docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { prepareModels } from './bench-models';
import { Starter, runCase, serverFor, startServers } from './case-runner';
import { ensureWrk } from './load';
import { runGrpcCase } from './grpc-case';
import { buildPayloads } from './payloads';
import { renderReport } from './report';
import { Results } from './results';
import { runFacts } from './run-facts';
import { TARGET_LABELS, TargetId, buildGroups, caseKey } from './scenarios';
import { startFloor, startNodeHttp } from './servers/baselines';
import { prepareFlask, startFlask } from './servers/flask';
import { detectPerch, startPerch, startPerchGrpc } from './servers/perch';
import { renderChart } from './results-chart';
import { BENCH_DIR, RESULTS_DIR, readSettings } from './settings';
import { checkTargets, errorVerdict } from './targets';

const CHART_FILE = 'results-chart.svg';

async function main(): Promise<void> {
  const started = new Date();
  const loadAtStart = loadavg()[0];
  const settings = readSettings();
  const wrkVersion = ensureWrk();
  const models = prepareModels();
  const payloads = buildPayloads(models);
  const features = await detectPerch(models);
  const flask = prepareFlask(models, settings);
  const groups = buildGroups(settings.adapters).filter(
    (g) => !settings.groups || settings.groups.includes(g.id),
  );
  const cases = [...new Map(groups.flatMap((g) => g.cases).map((c) => [caseKey(c), c])).values()];
  const starters: Record<TargetId, Starter> = {
    'perch-express': () =>
      startPerch(models.repository, features.adapterVariable ? 'express' : undefined),
    'perch-fastify': () => features.fastifyMissing ?? startPerch(models.repository, 'fastify'),
    'node-http': () => startNodeHttp(models.repository),
    flask: () => (flask.ok ? startFlask(flask.pickles) : flask.reason),
    'floor-express': () => startFloor('express'),
    'floor-fastify': () => startFloor('fastify'),
    'perch-grpc': () => startPerchGrpc(models.repository),
  };
  const minutes = Math.ceil(
    (cases.length * settings.rounds * (settings.durationS + settings.warmupS)) / 60,
  );
  console.log(
    `bench: ${cases.length} cases × ${settings.rounds} round(s), at most ~${minutes} min of load`,
  );
  const results = new Results();
  const restarts: string[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    console.log(`round ${round} of ${settings.rounds}: starting the servers`);
    const pool = { servers: await startServers(cases, starters, results), starters, restarts };
    try {
      for (const c of cases) {
        const server = await serverFor(pool, c.target);
        const run = c.target === 'perch-grpc' ? runGrpcCase : runCase;
        if (server) await run(c, server, payloads, results, settings);
      }
    } finally {
      await Promise.all([...pool.servers.values()].map((s) => s.stop()));
    }
  }
  const perchCases = cases.filter((c) => c.target.startsWith('perch'));
  const verdicts = [
    ...checkTargets(results, settings.adapters),
    errorVerdict(
      'Zero errors in every Perch case',
      perchCases.flatMap((c) => {
        const m = results.get(c);
        return m
          ? [
              [
                `${TARGET_LABELS[c.target]} ${payloads[c.payload].label} @${c.connections}`,
                m,
              ] as const,
            ]
          : [];
      }),
    ),
  ];
  const facts = runFacts(settings, wrkVersion, features, flask, started, loadAtStart);
  if (restarts.length > 0)
    facts.push(`Servers that ended during the run and were restarted: ${restarts.join('; ')}.`);
  const title = `Perch benchmark, ${started.toISOString()}`;
  const report = renderReport({ title, facts, verdicts }, groups, results, payloads);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${started.toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, report);
  // The latest run, kept in the repository: bench/RESULTS.md and its chart.
  const svg = await renderChart(groups, results);
  if (svg) writeFileSync(join(BENCH_DIR, CHART_FILE), svg);
  const latest = renderReport(
    { title, facts, verdicts, chart: svg && CHART_FILE },
    groups,
    results,
    payloads,
  );
  writeFileSync(join(BENCH_DIR, 'RESULTS.md'), latest);
  console.log(`\n${report}\nwritten to ${file} and bench/RESULTS.md`);
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
