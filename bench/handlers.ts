/**
 * `npm run bench:handlers` (issue #14): what a handler costs. The bundled `iris_records` (a
 * TypeScript handler around iris's model.onnx, on a pool thread) against `iris` itself (the same
 * graph, no handler), batch 1, 64 keep-alive connections, side by side in each round on one
 * server with the example repository: the same row as /predict (a record vs a plain array) and
 * as V2 JSON (four one-value inputs vs one [1,4] input). Every answer is checked once first.
 * Rounds: BENCH_ROUNDS (default 3), each case BENCH_WARMUP s (default 2) then BENCH_DURATION s
 * (default 10); the table shows medians, the ratio is taken within each round.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Reply } from './answer-checks';
import { ensureWrk, measure, Measurement } from './load';
import { Payload, PayloadId } from './payloads';
import { git } from './run-facts';
import { fetchReply } from './servers/child-server';
import { startPerch } from './servers/perch';
import { ROOT } from './settings';
import { median } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 64;
const ROW = { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 };
const JSON_TYPE = { 'content-type': 'application/json' };

function payload(
  id: PayloadId,
  label: string,
  path: string,
  body: unknown,
  expect: string,
): Payload {
  return {
    id,
    label,
    path,
    headers: JSON_TYPE,
    body: Buffer.from(JSON.stringify(body)),
    rows: 1,
    check: (reply: Reply) =>
      reply.status === 200 && reply.body.includes(expect)
        ? undefined
        : `${reply.status} ${reply.body.subarray(0, 200).toString()}`,
  };
}

const v2Input = (name: string, shape: number[], data: number[]) => ({
  name,
  datatype: 'FP32',
  shape,
  data,
});

/** Pairs measured side by side: [baseline, handler]. */
const PAIRS: [string, Payload, Payload][] = [
  [
    '/predict',
    payload('iris-predict-1', 'iris', '/predict/iris', [Object.values(ROW)], '"setosa"'),
    payload(
      'iris-records-predict-1',
      'iris_records',
      '/predict/iris_records',
      [ROW],
      '"species":"setosa"',
    ),
  ],
  [
    'V2 JSON',
    payload(
      'iris-v2-1',
      'iris',
      '/v2/models/iris/infer',
      { inputs: [v2Input('input', [1, 4], Object.values(ROW))] },
      '"setosa"',
    ),
    payload(
      'iris-records-v2-1',
      'iris_records',
      '/v2/models/iris_records/infer',
      { inputs: Object.entries(ROW).map(([name, v]) => v2Input(name, [1, 1], [v])) },
      '"setosa"',
    ),
  ],
];

async function main(): Promise<void> {
  const wrk = ensureWrk();
  const started = new Date();
  const loadAtStart = loadavg()[0];
  const server = await startPerch(join(ROOT, 'models'));
  const results = new Map<string, Measurement[]>();
  let batches = '';
  try {
    for (const [, ...payloads] of PAIRS) {
      for (const p of payloads) {
        const reply = await fetchReply(`${server.url}${p.path}`, {
          method: 'POST',
          headers: p.headers,
          body: p.body,
        });
        const problem = p.check(reply);
        if (problem) throw new Error(`${p.label} ${p.path} answered wrong: ${problem}`);
      }
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [, ...payloads] of PAIRS) {
        for (const p of payloads) {
          const m = await measure(server.url, p, {
            connections: CONNECTIONS,
            durationS: DURATION_S,
            warmupS: WARMUP_S,
            probeHz: 0,
          });
          results.set(p.id, [...(results.get(p.id) ?? []), m]);
          console.error(`round ${round} ${p.label} ${p.path}: ${m.reqPerSec.toFixed(0)} req/s`);
        }
      }
    }
    batches = await rowsPerExecution(server.url);
  } finally {
    await server.stop();
  }
  report(results, wrk, started, loadAtStart, batches);
}

/** Rows per execution of each model over the whole run (Triton's statistics): how much the batcher merged. */
async function rowsPerExecution(url: string): Promise<string> {
  const parts: string[] = [];
  for (const model of ['iris', 'iris_records']) {
    const reply = await fetchReply(`${url}/v2/models/${model}/stats`);
    const [stats] = (
      JSON.parse(reply.body.toString()) as {
        model_stats: { inference_count: number; execution_count: number }[];
      }
    ).model_stats;
    parts.push(`${model} ${(stats.inference_count / stats.execution_count).toFixed(1)}`);
  }
  return `Rows per execution over the run (dynamic batching, no queue delay): ${parts.join(', ')}.`;
}

function report(
  results: Map<string, Measurement[]>,
  wrk: string,
  started: Date,
  loadAtStart: number,
  batches: string,
): void {
  const lines = [
    '| protocol | model | req/s | p50 ms | p99 ms | errors + non-2xx | handler vs iris, per round: median (min–max) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [protocol, base, handler] of PAIRS) {
    const b = results.get(base.id) ?? [];
    const h = results.get(handler.id) ?? [];
    const ratios = h.map((m, i) => m.reqPerSec / b[i].reqPerSec);
    for (const [p, runs] of [
      [base, b],
      [handler, h],
    ] as const) {
      const m = (f: (r: Measurement) => number): number => median(runs.map(f));
      const ratio =
        p === handler
          ? `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`
          : '1';
      const bad = runs.reduce((n, r) => n + r.errors + r.non2xx, 0);
      lines.push(
        `| ${protocol} | ${p.label} | ${m((r) => r.reqPerSec).toFixed(0)} | ${m((r) => r.p50).toFixed(2)} | ${m((r) => r.p99).toFixed(2)} | ${bad} | ${ratio} |`,
      );
    }
  }
  lines.push(
    '',
    `Command: \`npm run bench:handlers\`, BENCH_ROUNDS=${ROUNDS} BENCH_WARMUP=${WARMUP_S} BENCH_DURATION=${DURATION_S}; ` +
      `batch 1, ${CONNECTIONS} connections, ${wrk} (one thread); one Perch (\`node dist/main.js\`, Express, ` +
      'default settings) on the example repository; commit ' +
      `${git()}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average ${loadAtStart.toFixed(2)} at the ` +
      `start, ${loadavg()[0].toFixed(2)} at the end; started ${started.toISOString()}.`,
    '',
    batches,
  );
  console.log(lines.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
