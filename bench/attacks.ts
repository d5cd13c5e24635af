/**
 * `npm run bench:attacks`: replays the attack review's resource attacks (issue #18, findings 2
 * and 3) against a real Perch process and reports, per attack, the server's peak RSS (VmHWM) and
 * how slow /health/live got while it ran (probed every 20 ms). PERCH_ROOT points at another
 * built checkout (its dist/main.js and models/) to measure that one instead, e.g. the code before
 * a fix. Each attack gets a fresh server on each adapter, so peaks do not carry over.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fetchReply, spawnServer, RunningServer } from './servers/child-server';
import { ROOT } from './settings';

const PERCH_ROOT = process.env.PERCH_ROOT ?? ROOT;
const KEY = 'attack-review-key';

interface Attack {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly path: string;
  readonly body: Buffer;
  readonly headers: Record<string, string>;
  readonly concurrency: number;
}

const brotliBomb = brotliCompressSync(Buffer.alloc(100 * 1024 * 1024), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
});
const gzipBomb = gzipSync(Buffer.alloc(60 * 1024 * 1024), { level: 9 });

const nestedBrackets = gzipSync(Buffer.from('['.repeat(30_000_000)), { level: 9 });
const longStrings = gzipSync(JSON.stringify(new Array(60).fill('a'.repeat(1024 * 1024))), {
  level: 9,
});

const ATTACKS: readonly Attack[] = [
  {
    name: `16 × brotli bomb (${brotliBomb.length} B → 100 MB), no key, API_KEYS set`,
    env: { API_KEYS: KEY },
    path: '/v2/models/iris/infer',
    body: brotliBomb,
    headers: { 'content-encoding': 'br' },
    concurrency: 16,
  },
  {
    name: `16 × gzip bomb (${Math.round(gzipBomb.length / 1024)} KB → 60 MB), no key, API_KEYS set`,
    env: { API_KEYS: KEY },
    path: '/v2/models/iris/infer',
    body: gzipBomb,
    headers: { 'content-encoding': 'gzip' },
    concurrency: 16,
  },
  {
    name: `16 × brotli bomb with a valid key`,
    env: { API_KEYS: KEY },
    path: '/v2/models/iris/infer',
    body: brotliBomb,
    headers: { 'content-encoding': 'br', 'x-api-key': KEY },
    concurrency: 16,
  },
  ...([{}, { MAX_INFLATE_RATIO: '0' }] as Record<string, string>[]).flatMap(
    (env: Record<string, string>): Attack[] => {
      const settings = Object.keys(env).length === 0 ? 'default settings' : 'MAX_INFLATE_RATIO=0';
      return [
        {
          name: `1 × gzip (${Math.round(nestedBrackets.length / 1024)} KB) of 30 million nested [, ${settings}`,
          env,
          path: '/v2/models/iris/infer',
          body: nestedBrackets,
          headers: { 'content-encoding': 'gzip' },
          concurrency: 1,
        },
        {
          name: `1 × gzip (${Math.round(longStrings.length / 1024)} KB) of 60 strings of 1 MiB to /predict/langid, ${settings}`,
          env,
          path: '/predict/langid',
          body: longStrings,
          headers: { 'content-encoding': 'gzip' },
          concurrency: 1,
        },
      ];
    },
  ),
];

function start(adapter: string, env: Record<string, string>): Promise<RunningServer> {
  return spawnServer({
    name: `perch (${adapter})`,
    command: process.execPath,
    args: [join(PERCH_ROOT, 'dist', 'main.js')],
    cwd: PERCH_ROOT,
    env: {
      ...process.env,
      NO_COLOR: '1',
      ORT_DISABLE_TELEMETRY: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      MODEL_REPOSITORY: join(PERCH_ROOT, 'models'),
      HTTP_ADAPTER: adapter,
      ...env,
    },
    readyFrom: (out) => {
      const port = /Perch listening on http:\/\/[^:]+:(\d+)/.exec(out)?.[1];
      return port && /model repository loaded/.test(out) ? `http://127.0.0.1:${port}` : undefined;
    },
  });
}

function residentMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024;
}

async function run(adapter: string, attack: Attack): Promise<string> {
  const server = await start(adapter, attack.env);
  try {
    const idle = residentMiB(server.pid, 'VmRSS');
    const probes: number[] = [];
    let done = false;
    const probing = (async () => {
      while (!done) {
        const t = performance.now();
        await fetchReply(`${server.url}/health/live`);
        probes.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const started = performance.now();
    const replies = await Promise.all(
      Array.from({ length: attack.concurrency }, () =>
        fetchReply(`${server.url}${attack.path}`, {
          method: 'POST',
          headers: attack.headers,
          body: attack.body,
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    done = true;
    await probing;
    const statuses = [...new Set(replies.map((r) => r.status))].join('/');
    const peak = residentMiB(server.pid, 'VmHWM');
    const sorted = [...probes].sort((a, b) => a - b);
    const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
    return `| ${adapter} | ${attack.name} | ${statuses} | ${seconds.toFixed(2)} s | ${idle.toFixed(0)} → ${peak.toFixed(0)} MiB | ${(sorted.at(-1) ?? 0).toFixed(0)} ms (p99 ${p99.toFixed(0)} ms, ${probes.length} probes) |`;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const attack of ATTACKS) {
    for (const adapter of ['express', 'fastify']) {
      const row = await run(adapter, attack);
      console.log(row);
      rows.push(row);
    }
  }
  console.log(
    [
      `\nPerch at ${PERCH_ROOT}`,
      '| adapter | attack | status | answered in | RSS idle → peak | slowest /health/live |',
      '|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  console.error(`bench:attacks failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
