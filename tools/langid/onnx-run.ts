import * as ort from 'onnxruntime-node';
import { Contender } from './benchmark';
import { LANGID_INPUT, LANGID_LABEL, LANGID_PROBABILITIES } from './langid-graph';

/** The graph's answers for each text, computed in-process by ONNX Runtime. */
export interface GraphAnswers {
  readonly labels: string[];
  readonly probabilities: Float32Array[];
}

/**
 * Runs the model over `texts` in batches, one intra-op thread as Perch's config.json asks.
 * `labelsOnly` fetches only `label` (probabilities come back empty): under jest, whose
 * sandbox has its own Float32Array, onnxruntime-common refuses the float32 output it gets
 * from the native binding, while string outputs cross over fine.
 */
export async function runLangidGraph(
  onnx: Uint8Array,
  texts: readonly string[],
  { batchSize = 64, labelsOnly = false } = {},
): Promise<GraphAnswers> {
  const session = await ort.InferenceSession.create(onnx, {
    logSeverityLevel: 3,
    intraOpNumThreads: 1,
  });
  const labels: string[] = [];
  const probabilities: Float32Array[] = [];
  try {
    for (let i = 0; i < texts.length; i += batchSize) {
      const batch = texts.slice(i, i + batchSize);
      const out = await session.run(
        { [LANGID_INPUT]: new ort.Tensor('string', batch, [batch.length]) },
        labelsOnly ? [LANGID_LABEL] : [LANGID_LABEL, LANGID_PROBABILITIES],
      );
      labels.push(...(out[LANGID_LABEL].data as string[]));
      if (labelsOnly) continue;
      const p = out[LANGID_PROBABILITIES].data as Float32Array;
      const k = p.length / batch.length;
      for (let r = 0; r < batch.length; r++) probabilities.push(p.slice(r * k, (r + 1) * k));
    }
  } finally {
    await session.release();
  }
  return { labels, probabilities };
}

/** The graph in ONNX Runtime in this process, batches of `batchSize`, as a benchmark contender. */
export async function graphContender(
  name: string,
  onnx: Uint8Array,
  batchSize: number,
): Promise<Contender & { close(): Promise<void> }> {
  const session = await ort.InferenceSession.create(onnx, {
    logSeverityLevel: 3,
    intraOpNumThreads: 1,
  });
  return {
    name,
    close: () => session.release(),
    identify: async (texts) => {
      const labels: string[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize);
        const out = await session.run({
          [LANGID_INPUT]: new ort.Tensor('string', [...batch], [batch.length]),
        });
        labels.push(...(out[LANGID_LABEL].data as string[]));
      }
      return labels;
    },
  };
}
