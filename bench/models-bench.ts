/**
 * `npm run bench:models` (issue #12): how Perch scales with the number of models. For the bundled
 * repository and for 50 and 500 copies of iris, each round starts `node dist/main.js` cold and
 * measures the time to /v2/health/ready = 200, the resident set and thread count at ready and
 * after 3 s idle, then asks every model once (each must answer 200). Rounds: BENCH_ROUNDS
 * (default 3); the table gives the median. Writes bench/RESULTS-models.md.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { git } from './run-facts';
import { fetchReply, spawnServer } from './servers/child-server';
import { BENCH_DIR, ROOT, WORK_DIR, num } from './settings';
import { median } from './stats';

interface Scenario {
  readonly label: string;
  readonly repository: string;
  readonly models: readonly string[];
  /** [ready ms, RSS MiB] at most, where the issue sets a target. */
  readonly targets?: { readonly readyMs: number; readonly rssMiB: number };
}

interface Round {
  readonly readyMs: number;
  readonly rssAtReady: number;
  readonly rssIdle: number;
  readonly threads: number;
  readonly errors: number;
}

const IRIS_BODY = Buffer.from(
  JSON.stringify({
    inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: [5.1, 3.5, 1.4, 0.2] }],
  }),
);

function irisCopies(count: number): Scenario {
  const repository = join(WORK_DIR, `iris-${count}`);
  rmSync(repository, { recursive: true, force: true });
  const iris = join(ROOT, 'models', 'iris');
  const config = JSON.parse(readFileSync(join(iris, 'config.json'), 'utf8')) as { name?: string };
  delete config.name;
  const models = Array.from({ length: count }, (_, i) => `iris_${String(i).padStart(3, '0')}`);
  for (const name of models) {
    mkdirSync(join(repository, name, '1'), { recursive: true });
    copyFileSync(join(iris, '1', 'model.onnx'), join(repository, name, '1', 'model.onnx'));
    copyFileSync(join(iris, 'labels.txt'), join(repository, name, 'labels.txt'));
    writeFileSync(join(repository, name, 'config.json'), JSON.stringify(config));
  }
  const targets =
    count === 50
      ? { readyMs: 1500, rssMiB: 300 }
      : count === 500
        ? { readyMs: 10_000, rssMiB: 1024 }
        : undefined;
  return { label: `${count} copies of iris`, repository, models, targets };
}

function status(pid: number, field: string): number {
  return Number(
    new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1],
  );
}

async function round(s: Scenario): Promise<Round> {
  const started = performance.now();
  const server = await spawnServer({
    name: `perch (${s.label})`,
    command: process.execPath,
    args: [join(ROOT, 'dist', 'main.js')],
    cwd: ROOT,
    env: {
      ...process.env,
      NO_COLOR: '1',
      ORT_DISABLE_TELEMETRY: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      MODEL_REPOSITORY: s.repository,
      // gRPC's default port may be taken by another server on this machine; this bench is HTTP only.
      GRPC_PORT: '0',
    },
    readyFrom: (out) => {
      const port = /Perch listening on http:\/\/[^:]+:(\d+)/.exec(out)?.[1];
      return port ? `http://127.0.0.1:${port}` : undefined;
    },
  });
  try {
    while ((await fetchReply(`${server.url}/v2/health/ready`)).status !== 200) {
      if (performance.now() - started > 60_000) throw new Error(`${s.label}: not ready after 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const readyMs = performance.now() - started;
    const rssAtReady = status(server.pid, 'VmRSS') / 1024;
    await new Promise((r) => setTimeout(r, 3000));
    const rssIdle = status(server.pid, 'VmRSS') / 1024;
    const threads = status(server.pid, 'Threads');
    let errors = 0;
    for (const name of s.models) {
      // iris and its copies answer an inference; the others (the handler models too) their metadata.
      const iris = /^iris(_\d+)?$/.test(name);
      const path = iris ? `/v2/models/${name}/infer` : `/v2/models/${name}`;
      const res = await fetchReply(`${server.url}${path}`, {
        method: iris ? 'POST' : 'GET',
        body: iris ? IRIS_BODY : undefined,
      });
      if (res.status !== 200) errors++;
    }
    return { readyMs, rssAtReady, rssIdle, threads, errors };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const rounds = num(process.env, 'BENCH_ROUNDS', 3, 1);
  const loadAtStart = loadavg()[0];
  const bundled: Scenario = {
    label: 'the bundled repository (7 models, 2 of them handlers)',
    repository: join(ROOT, 'models'),
    models: ['iris', 'iris_records', 'langid', 'langid_top3', 'mlp', 'simple', 'simple_string'],
    targets: { readyMs: 1000, rssMiB: 150 },
  };
  const scenarios = [bundled, irisCopies(50), irisCopies(500)];
  const lines = [
    '| repository | ready, cold start (ms) | RSS at ready (MiB) | RSS idle (MiB) | threads | answers, all rounds | targets |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const s of scenarios) {
    const measured: Round[] = [];
    for (let i = 0; i < rounds; i++) measured.push(await round(s));
    const m = (f: (r: Round) => number): number => median(measured.map(f));
    const ready = m((r) => r.readyMs);
    const rss = m((r) => r.rssIdle);
    const errors = measured.reduce((n, r) => n + r.errors, 0);
    const verdict = s.targets
      ? `ready ≤ ${s.targets.readyMs} ms: ${ready <= s.targets.readyMs ? 'met' : 'MISSED'}; RSS ≤ ${s.targets.rssMiB} MiB: ${rss <= s.targets.rssMiB ? 'met' : 'MISSED'}`
      : '—';
    const line = `| ${s.label} | ${ready.toFixed(0)} | ${m((r) => r.rssAtReady).toFixed(0)} | ${rss.toFixed(0)} | ${m((r) => r.threads)} | ${s.models.length * rounds - errors} of ${s.models.length * rounds} | ${verdict} |`;
    console.log(line);
    lines.push(line);
  }
  const report = [
    `# Perch with many models, ${new Date().toISOString()}`,
    '',
    `- Command: \`npm run bench:models\`, BENCH_ROUNDS=${rounds}; each figure is the median of the rounds.`,
    `- Commit ${git()}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end.`,
    '- Default settings: SESSION_THREADS = the cores, so the thread count stays the same however many models are served.',
    '- Ready: from spawning `node dist/main.js` to `/v2/health/ready` answering 200 (every model loaded, warmed up and measured). RSS idle: 3 s after ready.',
    '',
    ...lines,
    '',
  ].join('\n');
  writeFileSync(join(BENCH_DIR, 'RESULTS-models.md'), report);
  console.log(`\n${report}\nwritten to bench/RESULTS-models.md`);
}

main().catch((e: unknown) => {
  console.error(`bench:models failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
