import { InternalError } from '../../common/errors/serving.errors';
import { elementCount } from '../../common/tensor/shape';
import { Tensor, TensorData } from '../../common/tensor/tensor';

type TypedArray = Exclude<TensorData, string[]>;
type TypedArrayConstructor = new (length: number) => TypedArray;

/**
 * Concatenates the requests' inputs along dimension 0, input by input (matched by name, in the
 * first request's order). The caller guarantees equal names, datatypes and non-batch shapes.
 * The result owns fresh buffers; the requests' own tensors are left untouched.
 */
export function mergeInputs(requests: readonly (readonly Tensor[])[]): Tensor[] {
  return requests[0].map((first) => {
    const parts = requests.map((r) => r.find((t) => t.name === first.name) as Tensor);
    const rows = parts.reduce((n, t) => n + t.shape[0], 0);
    return {
      ...first,
      shape: [rows, ...first.shape.slice(1)],
      data: concat(parts.map((t) => t.data)),
    };
  });
}

function concat(parts: readonly TensorData[]): TensorData {
  if (Array.isArray(parts[0])) return (parts as string[][]).flat();
  const arrays = parts as TypedArray[];
  const Ctor = arrays[0].constructor as TypedArrayConstructor;
  const out = new Ctor(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    (out as Float64Array).set(a as Float64Array, offset);
    offset += a.length;
  }
  return out;
}

/** Splits each batched output along dimension 0 back into one tensor list per request (`rows` each). */
export function splitOutputs(outputs: readonly Tensor[], rows: readonly number[]): Tensor[][] {
  const total = rows.reduce((n, r) => n + r, 0);
  const result: Tensor[][] = rows.map(() => []);
  for (const out of outputs) {
    if (out.shape[0] !== total) {
      throw new InternalError(
        `output '${out.name}' has ${out.shape[0]} rows for a batch of ${total}`,
      );
    }
    const rowSize = elementCount(out.shape.slice(1));
    let start = 0;
    rows.forEach((n, i) => {
      const data = out.data.slice(start * rowSize, (start + n) * rowSize) as TensorData;
      result[i].push({ ...out, shape: [n, ...out.shape.slice(1)], data });
      start += n;
    });
  }
  return result;
}
