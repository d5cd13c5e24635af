import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeConnections, rssMiB, scrape, send, startServer, total } from './memory-server';
import { ROOT } from './settings';
import { percentile } from './stats';

const IRIS = join(ROOT, 'models', 'iris');
const BODY = Buffer.from(
  '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}',
);

/** What one many-models run measured. Times in ms, memory in MiB. */
export interface ManyModelsResult {
  readonly label: string;
  readonly models: number;
  readonly readyMs: number;
  readonly rssReady: number;
  readonly rssPeak: number;
  readonly rssEnd: number;
  readonly seconds: number;
  readonly requests: number;
  readonly errors: number;
  readonly throughput: number;
  /** 1 − cold-start waits ÷ requests (server counters). */
  readonly hitRate: number;
  readonly evictionsPerSecond: number;
  readonly loads: number;
  readonly all: Latency;
  /** Split by a client-side mirror of the server's LRU (a request is cold when its model was not among the last `resident` models asked for). */
  readonly hot: Latency;
  readonly cold: Latency;
  /** Cold first answers, each alone: answer time minus that version's measured load time. */
  readonly coldOverheadMs: readonly number[];
  readonly coldLoadMs: readonly number[];
}

export interface Latency {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
}

/** A repository of `n` copies of the bundled iris model, named iris_0000 … */
export function irisRepository(n: number): { path: string; names: string[]; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'perch-bench-mem-'));
  const config = JSON.parse(readFileSync(join(IRIS, 'config.json'), 'utf8')) as object;
  const names = Array.from({ length: n }, (_, i) => `iris_${String(i).padStart(4, '0')}`);
  for (const name of names) {
    mkdirSync(join(root, name, '1'), { recursive: true });
    copyFileSync(join(IRIS, '1', 'model.onnx'), join(root, name, '1', 'model.onnx'));
    copyFileSync(join(IRIS, 'labels.txt'), join(root, name, 'labels.txt'));
    writeFileSync(join(root, name, 'config.json'), JSON.stringify({ ...config, name }));
  }
  return { path: root, names, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Zipf(s) over `n` ranks: returns a sampler of 0-based ranks. */
function zipf(n: number, s: number, random: () => number): () => number {
  const cdf: number[] = [];
  let acc = 0;
  for (let k = 1; k <= n; k++) cdf.push((acc += 1 / k ** s));
  return () => {
    const x = random() * acc;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A seeded generator (mulberry32), so every run draws the same stream. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function latency(ms: number[]): Latency {
  const sorted = ms.sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

export interface ManyModelsOptions {
  readonly label: string;
  readonly models: number;
  /** MAX_LOADED_MODELS; 0 runs without a budget. */
  readonly resident: number;
  readonly seconds: number;
  readonly connections: number;
  readonly zipfS: number;
  /** STANDBY models to probe one at a time after the stream. */
  readonly coldProbes: number;
  /** The server's V8 heap limit (--max-old-space-size), MiB; undefined: Node's default. */
  readonly heapMb?: number;
}

/** Starts Perch on `models` iris copies and drives a Zipf stream over all of them. */
export async function manyModels(o: ManyModelsOptions): Promise<ManyModelsResult> {
  const repo = irisRepository(o.models);
  const budget: Record<string, string> =
    o.resident > 0 ? { MAX_LOADED_MODELS: String(o.resident) } : {};
  const server = await startServer(
    { MODEL_REPOSITORY: repo.path, ENABLE_REPOSITORY_API: 'true', ...budget },
    o.heapMb === undefined ? [] : [`--max-old-space-size=${o.heapMb}`],
  );
  try {
    const rssReady = rssMiB(server.pid).now;
    // Ranks are shuffled over the names so popularity has nothing to do with load order.
    const random = seeded(17);
    const order = [...repo.names].sort(() => random() - 0.5);
    const draw = zipf(o.models, o.zipfS, random);
    const mirror = new Map<string, true>();
    const hot: number[] = [];
    const cold: number[] = [];
    let errors = 0;
    const deadline = performance.now() + o.seconds * 1000;
    const before = await scrape(server.port);
    await Promise.all(
      Array.from({ length: o.connections }, async () => {
        while (performance.now() < deadline) {
          const name = order[draw()];
          const wasHot = o.resident === 0 || mirror.has(name);
          mirror.delete(name);
          mirror.set(name, true);
          if (mirror.size > o.resident) mirror.delete(mirror.keys().next().value as string);
          const answer = await send(server.port, 'POST', `/v2/models/${name}/infer`, BODY);
          if (answer.status !== 200) errors++;
          (wasHot ? hot : cold).push(answer.ms);
        }
      }),
    );
    const after = await scrape(server.port);
    const requests = hot.length + cold.length;
    const delta = (family: string, match = ''): number =>
      total(after, family, match) - total(before, family, match);
    const waits = delta('perch_model_cold_start_wait_seconds_count');
    const probes = await coldProbe(server.port, o.coldProbes);
    const rss = rssMiB(server.pid);
    return {
      label: o.label,
      models: o.models,
      readyMs: server.readyMs,
      rssReady,
      rssPeak: rss.peak,
      rssEnd: rss.now,
      seconds: o.seconds,
      requests,
      errors,
      throughput: requests / o.seconds,
      hitRate: 1 - waits / requests,
      evictionsPerSecond: delta('perch_model_evictions_total') / o.seconds,
      loads: delta('perch_model_loads_total', 'outcome="success"'),
      all: latency([...hot, ...cold]),
      hot: latency(hot),
      cold: latency(cold),
      coldOverheadMs: probes.map((p) => p.answerMs - p.loadMs),
      coldLoadMs: probes.map((p) => p.loadMs),
    };
  } finally {
    closeConnections(server.port);
    await server.stop();
    repo.remove();
  }
}

/** Asks `count` STANDBY models one at a time: each first answer beside its measured load time. */
async function coldProbe(
  port: number,
  count: number,
): Promise<{ answerMs: number; loadMs: number }[]> {
  if (count === 0) return [];
  const standby = await standbyModels(port);
  const probes: { answerMs: number; loadMs: number }[] = [];
  for (const name of standby.slice(0, count)) {
    const series = `perch_model_load_duration_seconds_sum{model="${name}",version="1",outcome="success"}`;
    const loadedBefore = (await scrape(port)).get(series) ?? 0;
    const answer = await send(port, 'POST', `/v2/models/${name}/infer`, BODY);
    const loadedAfter = (await scrape(port)).get(series) ?? 0;
    if (answer.status === 200)
      probes.push({ answerMs: answer.ms, loadMs: (loadedAfter - loadedBefore) * 1000 });
  }
  return probes;
}

async function standbyModels(port: number): Promise<string[]> {
  const index = await send(port, 'POST', '/v2/repository/index', Buffer.from('{}'));
  const entries = JSON.parse(index.text) as { name: string; state: string }[];
  return entries.filter((e) => e.state === 'STANDBY').map((e) => e.name);
}
