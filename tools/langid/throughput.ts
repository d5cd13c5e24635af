import { cpus, loadavg } from 'node:os';
import { Contender, perchContender, race } from './benchmark';
import { EvalFacts } from './eval-report';
import { graphContender } from './onnx-run';

/**
 * Texts per second of the other identifiers, the graph in ONNX Runtime in this process, and
 * Perch over HTTP (which builds dist/ and starts the server on `repository`), on the same
 * texts. Perch's answers must equal `graphLabels`, or the numbers would belong to another model.
 */
export async function measureThroughput(options: {
  readonly repository: string;
  readonly version: number;
  readonly rounds: number;
  readonly onnx: Uint8Array;
  readonly texts: readonly string[];
  readonly graphLabels: readonly string[];
  readonly others: readonly Contender[];
}): Promise<NonNullable<EvalFacts['throughput']>> {
  const graph = await graphContender(
    'the same graph in ONNX Runtime in-process, batches of 64, 1 thread',
    options.onnx,
    64,
  );
  const perch = await perchContender({
    name: 'Perch HTTP POST /predict/langid, batches of 64, 2 requests in flight',
    repository: options.repository,
    model: 'langid',
    version: options.version,
    batchSize: 64,
    concurrency: 2,
  });
  try {
    const rates = await race(
      [...options.others.map((c) => ({ ...c, name: `${c.name} in-process` })), graph, perch],
      options.texts,
      options.rounds,
    );
    const served = rates[rates.length - 1];
    const differing = served.labels.filter((l, i) => l !== options.graphLabels[i]).length;
    if (differing > 0) throw new Error(`Perch over HTTP answered ${differing} texts differently`);
    return {
      machine:
        `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ` +
        `load average ${loadavg()[0].toFixed(1)} at the end (other work on the machine slows every row)`,
      rounds: options.rounds,
      texts: options.texts.length,
      rows: rates.slice(0, -1),
      perch: served,
    };
  } finally {
    await Promise.all([perch.close(), graph.close()]);
  }
}
