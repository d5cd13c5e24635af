import { InvalidInputError, PayloadTooLargeError } from '../../common/errors/serving.errors';
import { Tensor } from '../../common/tensor/tensor';
import { jsonStructureProblem } from '../../common/validation/json-structure';
import { InferRequest } from '../../inference/inference.types';
import { ModelSignature, TensorSpec } from '../../registry/model-config';
import { decodeJsonData, toJsonValues } from '../shared/json-data.codec';

/**
 * KServe V1 (TF Serving) body → the InferRequests that answer it. Accepts `{"instances": [...]}`
 * (rows; an object per row for multi-input models), `{"inputs": ...}` (columns) and a bare
 * JSON array (taken as instances). A batching model gets chunks of at most max_batch_size rows;
 * a model without a batch dimension runs once per instance.
 *
 * The runs of one body all start at once, so a body needing more than `maxRuns`
 * (MAX_INFLIGHT_PER_MODEL) could only ever be refused as busy: it is refused as too large, first,
 * which also bounds the rest of the work. Then prototype keys and nesting past
 * MAX_ENVELOPE_DEPTH are refused: rows are walked recursively below, and V1 has no DTO.
 */
export function decodeV1Predict(
  model: string,
  signature: ModelSignature,
  body: unknown,
  maxRuns = Number.POSITIVE_INFINITY,
): InferRequest[] {
  const columns = toColumns(model, signature.inputs, body);
  const rows = columns[0]?.length ?? 0;
  const chunk = signature.maxBatchSize > 0 ? signature.maxBatchSize : 1;
  const runs = Math.ceil(rows / chunk);
  if (runs > maxRuns) {
    throw new PayloadTooLargeError(
      `model '${model}' runs at most ${chunk} instances at a time, so ${rows} instances need ${runs} runs at once; MAX_INFLIGHT_PER_MODEL is ${maxRuns}`,
    );
  }
  const problem = jsonStructureProblem(body);
  if (problem) throw new InvalidInputError(problem);
  const requests: InferRequest[] = [];
  for (let start = 0; start < rows; start += chunk) {
    const end = Math.min(start + chunk, rows);
    const inputs = signature.inputs.map((spec, i) =>
      toTensor(spec, columns[i].slice(start, end), signature.maxBatchSize > 0, start),
    );
    requests.push({ inputs });
  }
  return requests;
}

function toColumns(model: string, specs: readonly TensorSpec[], body: unknown): unknown[][] {
  if (Array.isArray(body)) return fromInstances(model, specs, body);
  if (typeof body !== 'object' || body === null) throw shapeError();
  const { instances, inputs } = body as { instances?: unknown; inputs?: unknown };
  if (instances !== undefined) {
    if (!Array.isArray(instances))
      throw new InvalidInputError('"instances" must be a JSON array of rows');
    return fromInstances(model, specs, instances);
  }
  if (inputs !== undefined) return fromInputs(model, specs, inputs);
  throw shapeError();
}

function shapeError(): InvalidInputError {
  return new InvalidInputError(
    'expected {"instances": [...]}, {"inputs": ...} or a JSON array of instances',
  );
}

function fromInstances(
  model: string,
  specs: readonly TensorSpec[],
  instances: unknown[],
): unknown[][] {
  if (specs.length === 1) return [instances];
  return specs.map((spec) =>
    instances.map((row, r) => {
      if (
        typeof row !== 'object' ||
        row === null ||
        Array.isArray(row) ||
        !Object.hasOwn(row, spec.name)
      ) {
        throw new InvalidInputError(
          `model '${model}' has ${specs.length} inputs, so instance ${r} must be an object with key '${spec.name}'`,
        );
      }
      return (row as Record<string, unknown>)[spec.name];
    }),
  );
}

function fromInputs(model: string, specs: readonly TensorSpec[], inputs: unknown): unknown[][] {
  if (specs.length === 1 && Array.isArray(inputs)) return [inputs];
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
    throw new InvalidInputError(
      `model '${model}' has ${specs.length} inputs: "inputs" must map each input name to its rows`,
    );
  }
  const columns = specs.map((spec) => {
    const column = Object.hasOwn(inputs, spec.name)
      ? (inputs as Record<string, unknown>)[spec.name]
      : undefined;
    if (!Array.isArray(column))
      throw new InvalidInputError(`"inputs.${spec.name}" must be a JSON array of rows`);
    return column;
  });
  if (columns.some((c) => c.length !== columns[0].length)) {
    throw new InvalidInputError('every column of "inputs" must have the same number of rows');
  }
  return columns;
}

function toTensor(spec: TensorSpec, rows: unknown[], batched: boolean, first: number): Tensor {
  const rowShape = shapeOf(rows[0]);
  rows.forEach((row, r) => {
    if (!hasShape(row, rowShape)) {
      throw new InvalidInputError(
        `input '${spec.name}': instance ${first + r} has a different shape than instance ${first}`,
      );
    }
  });
  const shape = batched ? [rows.length, ...rowShape] : rowShape;
  const data = decodeJsonData(
    `input '${spec.name}'`,
    spec.datatype,
    shape,
    batched ? rows : asArray(rows[0]),
  );
  return { name: spec.name, datatype: spec.datatype, shape, data };
}

/** JSON data for one unbatched instance: a scalar becomes a one-element array. */
function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Whether shapeOf(value) is `shape`, without building it: millions of rows are checked. */
function hasShape(value: unknown, shape: readonly number[]): boolean {
  let v = value;
  for (const d of shape) {
    if (!Array.isArray(v) || v.length !== d) return false;
    v = v[0];
  }
  return !Array.isArray(v);
}

/** Shape of a nested JSON array, read along its first elements; [] for a scalar. */
function shapeOf(value: unknown): number[] {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) shape.push(v.length);
  return shape;
}

/**
 * Model outputs → `predictions`: one entry per row, the row's value for a single output, or an
 * object keyed by output name when there are several.
 */
export function encodeV1Predictions(
  outputs: readonly (readonly Tensor[])[],
  batched: boolean,
): unknown[] {
  const predictions: unknown[] = [];
  for (const tensors of outputs) {
    const columns = tensors.map((t) => splitRows(t, batched));
    const rows = columns[0]?.length ?? 0;
    for (let r = 0; r < rows; r++) {
      predictions.push(
        tensors.length === 1
          ? columns[0][r]
          : Object.fromEntries(tensors.map((t, i) => [t.name, columns[i][r]])),
      );
    }
  }
  return predictions;
}

function splitRows(t: Tensor, batched: boolean): unknown[] {
  const values = toJsonValues(t.datatype, t.data);
  if (!batched) return [nest(values, t.shape)];
  const [rows, ...rowShape] = t.shape;
  const size = rowShape.reduce((n, d) => n * d, 1);
  return Array.from({ length: rows }, (_, r) =>
    nest(values.slice(r * size, (r + 1) * size), rowShape),
  );
}

function nest(values: unknown[], shape: readonly number[]): unknown {
  if (shape.length === 0) return values[0];
  if (shape.length === 1) return values;
  const [, ...rest] = shape;
  const size = rest.reduce((n, d) => n * d, 1);
  return Array.from({ length: shape[0] }, (_, i) =>
    nest(values.slice(i * size, (i + 1) * size), rest),
  );
}
