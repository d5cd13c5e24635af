import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startApp, TestApp } from '../../test/helpers/test-app';

/** One identifier under test: answers a list of texts with one label each. */
export interface Contender {
  readonly name: string;
  identify(texts: readonly string[]): Promise<string[]>;
}

/** Each contender's labels and texts per second (median over the timed rounds). */
export interface RaceResult {
  readonly name: string;
  readonly labels: readonly string[];
  readonly perSecond: number;
}

/**
 * Times every contender on the same texts, `rounds` times, taking turns within each round so
 * that a busy spell on the machine slows all of them rather than one.
 */
export async function race(
  contenders: readonly Contender[],
  texts: readonly string[],
  rounds: number,
): Promise<RaceResult[]> {
  // An untimed first pass warms up the JIT and ONNX Runtime's buffers; its answers are kept.
  const labels: string[][] = [];
  for (const contender of contenders) labels.push(await contender.identify(texts));
  const rates = contenders.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, contender] of contenders.entries()) {
      const start = performance.now();
      await contender.identify(texts);
      rates[i].push(texts.length / ((performance.now() - start) / 1000));
    }
  }
  return contenders.map((c, i) => ({
    name: c.name,
    labels: labels[i],
    perSecond: median(rates[i]),
  }));
}

/**
 * Perch over HTTP: builds dist/ and starts the server on `repository` (close() stops it);
 * texts go to /predict/<model> as bare JSON arrays of `batchSize`, `concurrency` requests in
 * flight. `version` must be the version the server serves, so the numbers belong to it.
 */
export async function perchContender(options: {
  name: string;
  repository: string;
  model: string;
  version: number;
  batchSize: number;
  concurrency: number;
}): Promise<Contender & { close(): Promise<unknown> }> {
  const root = join(__dirname, '..', '..');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  );
  const app = await startApp({ MODEL_REPOSITORY: options.repository });
  try {
    await checkVersion(app, options.model, options.version);
  } catch (e) {
    await app.close();
    throw e;
  }
  const post = async (batch: readonly string[]): Promise<string[]> => {
    const res = await fetch(`${app.url}/predict/${options.model}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    if (res.status !== 200) throw new Error(`POST /predict: ${res.status} ${await res.text()}`);
    return (await res.json()) as string[];
  };
  return {
    name: options.name,
    close: () => app.close(),
    identify: async (texts) => {
      const batches: (readonly string[])[] = [];
      for (let i = 0; i < texts.length; i += options.batchSize)
        batches.push(texts.slice(i, i + options.batchSize));
      const answers: string[][] = new Array(batches.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < batches.length) {
          const i = next++;
          answers[i] = await post(batches[i]);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      return answers.flat();
    },
  };
}

async function checkVersion(app: TestApp, model: string, version: number): Promise<void> {
  const meta = (await (await fetch(`${app.url}/v2/models/${model}`)).json()) as {
    versions?: string[];
  };
  if (!meta.versions?.includes(String(version))) {
    throw new Error(
      `the server serves ${model} versions ${JSON.stringify(meta.versions)}, not ${version}`,
    );
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
