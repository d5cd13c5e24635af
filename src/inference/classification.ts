import { clientText } from '../common/client-text';
import { InvalidInputError } from '../common/errors/serving.errors';
import { fromHalfBits, toHalfBits } from '../common/tensor/fp16';
import { elementCount } from '../common/tensor/shape';
import { Tensor } from '../common/tensor/tensor';
import { ModelSignature, OutputLabels } from '../registry/model-config';
import { CLASSIFIABLE } from '../registry/model-labels';
import { RequestedOutput } from './inference.types';

/**
 * Triton's classification extension for one run: which outputs answer their top k as BYTES
 * `"<value>:<index>[:<label>]"` instead of their tensor, and where the labels come from.
 */
export interface ClassificationPlan {
  readonly topK: ReadonlyMap<string, number>;
  readonly batched: boolean;
  readonly labels: OutputLabels;
  /**
   * A BYTES output holding one label per row (a classifier's argmax label), run alongside
   * when an output to classify has no label file: it names each row's top class.
   */
  readonly rowLabelOutput?: string;
}

/** Reads and checks `parameters.classification` of each requested output, before the run. */
export function planClassification(
  model: string,
  signature: ModelSignature,
  requested: readonly RequestedOutput[] | undefined,
  labels: OutputLabels,
): ClassificationPlan {
  const topK = new Map<string, number>();
  for (const output of requested ?? []) {
    const k = output.parameters.classification;
    if (k === undefined) continue;
    const where = `model '${model}' output '${clientText(output.name)}'`;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
      const shown = typeof k === 'string' ? JSON.stringify(clientText(k, 40)) : clientText(k);
      throw new InvalidInputError(
        `${where}: parameters.classification must be a positive integer, not ${shown}`,
      );
    }
    const spec = signature.outputs.find((s) => s.name === output.name);
    if (spec && !CLASSIFIABLE.has(spec.datatype)) {
      throw new InvalidInputError(
        `${where}: classification needs a numeric output, not ${spec.datatype}`,
      );
    }
    topK.set(output.name, k);
  }
  const rowLabels = signature.outputs.filter(
    (s) => s.datatype === 'BYTES' && s.dims.every((d) => d === 1),
  );
  const unlabelled = [...topK.keys()].some((name) => labels[name] === undefined);
  return {
    topK,
    batched: signature.maxBatchSize > 0,
    labels,
    rowLabelOutput: unlabelled && rowLabels.length === 1 ? rowLabels[0].name : undefined,
  };
}

/** The outputs to run: those requested, then the row-label output the plan needs, if missing. */
export function outputsToRun(plan: ClassificationPlan, names: readonly string[]): string[] {
  const extra = plan.rowLabelOutput;
  return extra !== undefined && !names.includes(extra) ? [...names, extra] : [...names];
}

/**
 * The requested outputs (`names`, in order) from what the run returned (in outputsToRun's
 * order), each output the plan names replaced by its classification.
 */
export function applyClassification(
  plan: ClassificationPlan,
  names: readonly string[],
  outputs: readonly Tensor[],
): Tensor[] {
  const rowLabels = outputs.find((t) => t.name === plan.rowLabelOutput)?.data;
  return names.map((name, i) => {
    const k = plan.topK.get(name);
    if (k === undefined) return outputs[i];
    return classify(outputs[i], k, plan.batched, plan.labels[name], rowLabels as string[]);
  });
}

/**
 * Top-k of each row (the whole tensor when the model does not batch), highest value first,
 * ties to the lower index, NaN last; k is capped at the number of classes. Shape [rows, k], or
 * [k] unbatched. `labels` name every index; `rowLabels` name only each row's first class.
 */
export function classify(
  tensor: Tensor,
  k: number,
  batched: boolean,
  labels?: readonly string[],
  rowLabels?: readonly string[],
): Tensor {
  const rows = batched ? tensor.shape[0] : 1;
  const perRow = elementCount(batched ? tensor.shape.slice(1) : tensor.shape);
  const count = Math.min(k, perRow);
  const value = (i: number): number | bigint =>
    tensor.datatype === 'FP16'
      ? fromHalfBits(tensor.data[i] as number)
      : (tensor.data[i] as number | bigint);
  const data: string[] = [];
  for (let r = 0; r < rows; r++) {
    const base = r * perRow;
    const order = Array.from({ length: perRow }, (_, i) => i).sort(
      (a, b) => descending(value(base + a), value(base + b)) || a - b,
    );
    for (const [rank, index] of order.slice(0, count).entries()) {
      const label = labels?.[index] ?? (rank === 0 ? rowLabels?.[r] : undefined);
      const text = formatValue(tensor, base + index);
      data.push(label === undefined ? `${text}:${index}` : `${text}:${index}:${label}`);
    }
  }
  return { name: tensor.name, datatype: 'BYTES', shape: batched ? [rows, count] : [count], data };
}

function descending(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && Number.isNaN(a))
    return typeof b === 'number' && Number.isNaN(b) ? 0 : 1;
  if (typeof b === 'number' && Number.isNaN(b)) return -1;
  return a > b ? -1 : a < b ? 1 : 0;
}

/**
 * The value as the model produced it: the shortest decimal that reads back to the same FP32
 * or FP16 number (0.9 rather than 0.8999999761581421), exact for everything else.
 */
function formatValue(tensor: Tensor, i: number): string {
  const v = tensor.data[i];
  if (tensor.datatype === 'FP32' && typeof v === 'number') return shortest(v, Math.fround);
  if (tensor.datatype === 'FP16' && typeof v === 'number') {
    return shortest(fromHalfBits(v), (x) => fromHalfBits(toHalfBits(x)));
  }
  return String(v);
}

function shortest(v: number, round: (x: number) => number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let digits = 1; digits < 17; digits++) {
    const candidate = Number(v.toPrecision(digits));
    if (round(candidate) === v) return String(candidate);
  }
  return String(v);
}
