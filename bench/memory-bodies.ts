import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Answer, closeConnections, rssMiB, send, startServer } from './memory-server';
import { tinyRowsBody } from './memory-parse-cost';
import { ROOT } from './settings';
import { percentile } from './stats';

const IRIS = join(ROOT, 'models', 'iris');
const SMALL = Buffer.from(
  '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}',
);
/** /health/live is asked this often (ms) through both phases. */
const PROBE_EVERY_MS = 100;

/** What one hostile-bodies run measured. Times in ms, memory in MiB. */
export interface HostileBodiesResult {
  readonly label: string;
  readonly budgetBytes: number;
  readonly bodies: number;
  readonly bodyBytes: number;
  readonly ok: number;
  readonly refusedWithRetryAfter: number;
  readonly other: number;
  readonly alive: boolean;
  readonly rssIdle: number;
  readonly rssPeak: number;
  readonly idle: { p50: number; p99: number; n: number };
  readonly hostile: { p50: number; p99: number; n: number; failed: number };
  readonly liveMaxMs: number;
  readonly liveFailed: number;
  readonly phaseMs: number;
}

/** iris (the small model) and iris_big: iris taking millions of rows in one request. */
function repository(): { path: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'perch-bench-bodies-'));
  const config = JSON.parse(readFileSync(join(IRIS, 'config.json'), 'utf8')) as object;
  const big = { max_batch_size: 4_000_000, parameters: { dynamic_batching: 'off' } };
  for (const [name, extra] of [
    ['iris', {}],
    ['iris_big', big],
  ] as const) {
    mkdirSync(join(root, name, '1'), { recursive: true });
    copyFileSync(join(IRIS, '1', 'model.onnx'), join(root, name, '1', 'model.onnx'));
    copyFileSync(join(IRIS, 'labels.txt'), join(root, name, 'labels.txt'));
    writeFileSync(join(root, name, 'config.json'), JSON.stringify({ ...config, name, ...extra }));
  }
  return { path: root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Calls `fn` back to back until `stop()` says so; the answers it got. */
async function loop(fn: () => Promise<Answer>, stop: () => boolean): Promise<Answer[]> {
  const answers: Answer[] = [];
  while (!stop()) answers.push(await fn().catch(() => ({ status: 0, ms: 0, text: '' })));
  return answers;
}

/** Liveness asked every PROBE_EVERY_MS, each on its own, until `stop()`. */
async function probes(port: number, stop: () => boolean): Promise<Answer[]> {
  const pending: Promise<Answer>[] = [];
  while (!stop()) {
    pending.push(send(port, 'GET', '/health/live').catch(() => ({ status: 0, ms: 0, text: '' })));
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  return Promise.all(pending);
}

function stats(answers: readonly Answer[]): { p50: number; p99: number; n: number } {
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  return { p50: percentile(ms, 0.5), p99: percentile(ms, 0.99), n: ms.length };
}

export interface HostileBodiesOptions {
  readonly label: string;
  /** `v2` (default): V2 infer with the probabilities asked as binary; `v1`: KServe V1 instances. */
  readonly protocol?: 'v2' | 'v1';
  /** MAX_INFLIGHT_BODY_BYTES; 0: no budget. */
  readonly budgetBytes: number;
  readonly bodies: number;
  readonly bodyMb: number;
  readonly idleSeconds: number;
}

/** `bodies` concurrent JSON bodies of tiny rows while one client keeps calling iris. */
export async function hostileBodies(o: HostileBodiesOptions): Promise<HostileBodiesResult> {
  const repo = repository();
  const v1 = o.protocol === 'v1';
  const big = tinyRowsBody(
    v1 ? 'v1' : 'v2',
    o.bodyMb,
    '"outputs":[{"name":"probabilities","parameters":{"binary_data":true}}]',
  );
  const bigPath = v1 ? '/v1/models/iris_big:predict' : '/v2/models/iris_big/infer';
  const server = await startServer({
    MODEL_REPOSITORY: repo.path,
    MAX_INFLIGHT_BODY_BYTES: String(o.budgetBytes),
  });
  const small = (): Promise<Answer> => send(server.port, 'POST', '/v2/models/iris/infer', SMALL);
  try {
    let idleOver = false;
    const idleEnd = setTimeout(() => (idleOver = true), o.idleSeconds * 1000);
    const [idle] = await Promise.all([
      loop(small, () => idleOver),
      probes(server.port, () => idleOver),
    ]);
    clearTimeout(idleEnd);
    const rssIdle = rssMiB(server.pid).now;
    let hostileOver = false;
    const t0 = performance.now();
    const heavy = Promise.all(
      Array.from({ length: o.bodies }, () =>
        send(server.port, 'POST', bigPath, big, {
          'content-type': 'application/json',
        }).catch(() => ({ status: 0, ms: 0, text: '' }) as Answer),
      ),
    ).finally(() => (hostileOver = true));
    const [answers, during, live] = await Promise.all([
      heavy,
      loop(small, () => hostileOver),
      probes(server.port, () => hostileOver),
    ]);
    const phaseMs = performance.now() - t0;
    const alive =
      (await send(server.port, 'GET', '/health/live').catch(() => undefined))?.status === 200;
    return {
      label: o.label,
      budgetBytes: o.budgetBytes,
      bodies: o.bodies,
      bodyBytes: big.length,
      ok: answers.filter((a) => a.status === 200).length,
      refusedWithRetryAfter: answers.filter((a) => a.status === 503 && a.retryAfter).length,
      other: answers.filter((a) => a.status !== 200 && !(a.status === 503 && a.retryAfter)).length,
      alive,
      rssIdle,
      rssPeak: rssMiB(server.pid).peak,
      idle: stats(idle),
      hostile: { ...stats(during), failed: during.filter((a) => a.status !== 200).length },
      liveMaxMs: Math.max(...live.map((a) => a.ms)),
      liveFailed: live.filter((a) => a.status !== 200).length,
      phaseMs,
    };
  } finally {
    closeConnections(server.port);
    await server.stop();
    repo.remove();
  }
}
