import { DataType } from '../../../common/tensor/datatype';
import { fromHalfBits, toHalfBits } from '../../../common/tensor/fp16';
import { elementCount, formatShape } from '../../../common/tensor/shape';
import { Tensor, TensorData } from '../../../common/tensor/tensor';
import { TYPED_ARRAY_VIEWS } from '../../../common/tensor/typed-arrays';
import type { TensorSpec } from '../../../handlers';

/** A handler's row: one value per declared input (V2) or whatever the client sent (records). */
export type Row = Record<string, unknown>;

/**
 * V2 tensors → one row per batch entry (dimension 0 when the model batches, else one row), each
 * an object keyed by input name. A row of one element (dims [1] or []) is that element; larger
 * rows are nested arrays. BYTES elements are strings, BOOL booleans, 64-bit integers numbers.
 * Pure: the inputs passed the data plane's validation against the same specs.
 */
export function tensorsToRows(inputs: readonly Tensor[], batched: boolean): Row[] {
  const rows = batched ? (inputs[0]?.shape[0] ?? 0) : 1;
  const out: Row[] = Array.from({ length: rows }, () => ({}));
  for (const t of inputs) {
    const rowShape = batched ? t.shape.slice(1) : t.shape;
    const size = elementCount(rowShape);
    const values = jsonValues(t.datatype, t.data);
    for (let r = 0; r < rows; r++) {
      const part = values.slice(r * size, (r + 1) * size);
      out[r][t.name] = size === 1 ? part[0] : nest(part, rowShape);
    }
  }
  return out;
}

/**
 * A handler's answers → the outputs named, shaped as config.json declares them: row r of output
 * `name` is `answers[r][name]`. BYTES rows take strings as they are and any other value as its
 * JSON text. Throws (a handler fault, answered 500) naming the answer and field that do not fit.
 */
export function answersToTensors(
  specs: readonly TensorSpec[],
  answers: readonly unknown[],
  outputNames: readonly string[],
  batched: boolean,
): Tensor[] {
  return outputNames.map((name) => {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new Error(`output '${name}' is not declared in config.json`);
    const column = answers.map((answer, r) => field(answer, r, name));
    const rowShape = rowShapeOf(spec, column[0]);
    const size = elementCount(rowShape);
    const flat: unknown[] = [];
    column.forEach((value, r) => {
      // A one-element BYTES row takes any value whole (as JSON text): lists and objects too.
      const whole = size === 1 && (spec.datatype === 'BYTES' || !Array.isArray(value));
      const elements = whole ? [value] : flatten(value);
      if (elements.length !== size) {
        throw new Error(
          `answer ${r} field '${name}' has ${elements.length} elements; output '${name}' has ${size} per row (${formatShape(rowShape)})`,
        );
      }
      flat.push(...elements);
    });
    const shape = batched ? [answers.length, ...rowShape] : rowShape;
    return { name, datatype: spec.datatype, shape, data: toData(spec.datatype, flat, name) };
  });
}

function field(answer: unknown, r: number, name: string): unknown {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
    throw new Error(`answer ${r} is not an object with field '${name}'`);
  if (!Object.hasOwn(answer, name)) throw new Error(`answer ${r} has no field '${name}'`);
  return (answer as Row)[name];
}

/** The declared dims, with each -1 read from the first row's own nesting. */
function rowShapeOf(spec: TensorSpec, first: unknown): number[] {
  const actual: number[] = [];
  for (let v = first; Array.isArray(v); v = v[0]) actual.push(v.length);
  return spec.dims.map((d, i) => (d === -1 ? (actual[i] ?? 1) : d));
}

function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flat(Infinity) : [value];
}

function toData(datatype: DataType, values: readonly unknown[], name: string): TensorData {
  if (datatype === 'BYTES')
    return values.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null')));
  // Every view constructor also takes a length.
  const View = TYPED_ARRAY_VIEWS[datatype] as unknown as new (
    length: number,
  ) => Exclude<TensorData, string[]>;
  const out = new View(values.length);
  values.forEach((v, i) => {
    const n = typeof v === 'boolean' ? Number(v) : v;
    if (typeof n !== 'number')
      throw new Error(
        `output '${name}' element ${i} is ${JSON.stringify(v) ?? 'undefined'}, not a number`,
      );
    if (out instanceof BigInt64Array || out instanceof BigUint64Array)
      out[i] = BigInt(Math.trunc(n));
    else (out as Float64Array)[i] = datatype === 'FP16' ? toHalfBits(n) : n;
  });
  return out;
}

function jsonValues(datatype: DataType, data: TensorData): unknown[] {
  if (Array.isArray(data)) return data;
  const values: unknown[] = [];
  for (const v of data as Iterable<number | bigint>) {
    if (typeof v === 'bigint') values.push(Number(v));
    else if (datatype === 'BOOL') values.push(v !== 0);
    else values.push(datatype === 'FP16' ? fromHalfBits(v) : v);
  }
  return values;
}

function nest(values: readonly unknown[], shape: readonly number[]): unknown {
  if (shape.length <= 1) return [...values];
  const [, ...rest] = shape;
  const size = elementCount(rest);
  return Array.from({ length: shape[0] }, (_, i) =>
    nest(values.slice(i * size, (i + 1) * size), rest),
  );
}
