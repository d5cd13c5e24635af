import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { FLASK_WORKERS, FlaskSetup } from './servers/flask';
import { PerchFeatures } from './servers/perch';
import { BenchSettings, ROOT } from './settings';

/** What the report states about how the run was made, one bullet each. */
export function runFacts(
  settings: BenchSettings,
  wrkVersion: string,
  features: PerchFeatures,
  flask: FlaskSetup,
  started: Date,
  loadAtStart: number,
): string[] {
  const s = settings;
  const cores = cpus().length;
  const fastify = features.adapterVariable
    ? 'read'
    : `not read, so no Fastify column (${features.fastifyMissing?.split(' — ')[1] ?? ''})`;
  return [
    `Command: \`npm run bench\`, BENCH_DURATION=${s.durationS} BENCH_WARMUP=${s.warmupS} BENCH_SERVER_WARMUP=${s.serverWarmupS} BENCH_ROUNDS=${s.rounds} ` +
      `BENCH_ADAPTERS=${s.adapters.join(',')}${s.groups ? ` BENCH_GROUPS=${s.groups.join(',')}` : ''}.`,
    `Rounds: ${s.rounds}. Each case: ${s.warmupS} s warm-up (discarded), then ${s.durationS} s measured. ` +
      `Each server's first case is preceded by ${s.serverWarmupS} s of unmeasured load at 16 connections (its JIT warm-up). ` +
      'With several rounds each figure is the median of the rounds (errors: their sum).',
    `Commit ${git()}; started ${started.toISOString()}, took ${Math.round((Date.now() - started.getTime()) / 1000)} s; ` +
      `load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end ` +
      `(above ${cores} means something else was using the cores too).`,
    `Machine: ${cores} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
      `The load generator (${wrkVersion}, one thread) and every server share these ${cores} cores: ` +
      'read the ratios (same run, side by side), not the absolute numbers.',
    `Perch: \`node dist/main.js\` with default settings and default config.json files (so dynamic ` +
      `batching is on with no queue delay for the MLPs, which batch); V2 extensions ` +
      `[${features.extensions.join(', ')}]; HTTP_ADAPTER ${fastify}.`,
    `node:http baseline: node:http + onnxruntime-node ${version('onnxruntime-node')}, no framework, no batching, ` +
      "one session.run per request on the main thread, Perch's default session options (one " +
      'thread per run, no spinning).',
    flask.ok
      ? `Flask baseline (the seed recipe): scikit-learn MLPClassifier holding the same weights, pickled; ` +
        `gunicorn with ${FLASK_WORKERS} sync workers (each closes the connection after its answer; wrk reconnects), ` +
        `OPENBLAS_NUM_THREADS=1; ${flask.versions}.`
      : `Flask baseline: ${flask.reason}.`,
    `Framework floor: a bare NestJS ${version('@nestjs/core')} route, body parser off, raw body → JSON.parse → ` +
      `a constant answer of the MLP answer's size, on ${s.adapters.join(' and ')}.`,
    'req/s counts answers with status < 400 (wrk); rows/s = req/s × batch rows; a ratio column divides ' +
      "its case's rows/s by the row's, at the same connections.",
  ];
}

/** The commit this tree is at, marked when it has uncommitted changes; `unknown` without git. */
export function git(): string {
  try {
    const run = (...args: string[]): string =>
      execFileSync('git', args, { cwd: ROOT }).toString().trim();
    const head = run('rev-parse', '--short', 'HEAD');
    return run('status', '--porcelain') ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

function version(pkg: string): string {
  try {
    const text = readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8');
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return '?';
  }
}
