import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startApp } from '../../test/helpers/test-app';

/** Labels from the first round, and sentences per second of every round. */
export interface Throughput {
  readonly labels: readonly string[];
  readonly perSecond: readonly number[];
}

type Franc = (text: string, options?: { only?: string[] }) => string;

/**
 * franc is ESM-only (6.x); a CommonJS tool reaches it through a real dynamic import. Written
 * as `import()` in TypeScript it would compile to require(), which Node 20 before 20.19
 * refuses for ES modules.
 */
async function loadFranc(): Promise<Franc> {
  const importEsm = new Function('specifier', 'return import(specifier)') as (
    s: string,
  ) => Promise<{ franc: Franc }>;
  return (await importEsm('franc')).franc;
}

/** franc in this process over every text, `rounds` times; `only` restricts its languages. */
export async function benchmarkFranc(
  texts: readonly string[],
  rounds: number,
  only?: string[],
): Promise<Throughput> {
  const franc = await loadFranc();
  const perSecond: number[] = [];
  let labels: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    const answers = texts.map((t) => franc(t, only && { only }));
    perSecond.push(texts.length / ((performance.now() - start) / 1000));
    if (round === 0) labels = answers;
  }
  return { labels, perSecond };
}

/**
 * Perch over HTTP: builds dist/, starts the server on `repository`, and POSTs the texts to
 * /predict/<model> as bare JSON arrays of `batchSize`, `concurrency` requests in flight.
 * `version` must be the version the server serves, so the numbers belong to that model.
 */
export async function benchmarkPerch(options: {
  repository: string;
  model: string;
  version: number;
  texts: readonly string[];
  rounds: number;
  batchSize: number;
  concurrency: number;
}): Promise<Throughput> {
  const root = join(__dirname, '..', '..');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  );
  const app = await startApp({ MODEL_REPOSITORY: options.repository });
  try {
    const meta = (await (await fetch(`${app.url}/v2/models/${options.model}`)).json()) as {
      versions?: string[];
    };
    if (!meta.versions?.includes(String(options.version))) {
      throw new Error(
        `the server serves ${options.model} versions ${JSON.stringify(meta.versions)}, not ${options.version}`,
      );
    }
    const batches: string[][] = [];
    for (let i = 0; i < options.texts.length; i += options.batchSize)
      batches.push(options.texts.slice(i, i + options.batchSize));
    const post = async (batch: string[]): Promise<string[]> => {
      const res = await fetch(`${app.url}/predict/${options.model}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      if (res.status !== 200) throw new Error(`POST /predict: ${res.status} ${await res.text()}`);
      return (await res.json()) as string[];
    };
    const perSecond: number[] = [];
    let labels: string[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const answers: string[][] = new Array(batches.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < batches.length) {
          const i = next++;
          answers[i] = await post(batches[i]);
        }
      };
      const start = performance.now();
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      perSecond.push(options.texts.length / ((performance.now() - start) / 1000));
      if (round === 0) labels = answers.flat();
    }
    return { labels, perSecond };
  } finally {
    await app.close();
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
