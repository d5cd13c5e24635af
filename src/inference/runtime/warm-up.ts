import { TYPED_ARRAY_VIEWS } from '../../common/tensor/typed-arrays';
import { DataType, ELEMENT_BYTES } from '../../common/tensor/datatype';
import { Tensor } from '../../common/tensor/tensor';
import { RuntimeTensorInfo } from './model-runner';

/** Rows of the large warm-up batch, at most: enough to see how cost grows, cheap to run. */
const LARGE_BATCH = 64;
/** A variable non-batch dimension in the large warm-up inputs. */
const LARGE_DIM = 8;
const WARM_UP_TEXT = 'warm-up text';

/**
 * Inputs to measure a model with at load: the smallest request it takes (every variable
 * dimension 1) and, when it batches or has variable dimensions, a larger one (up to 64 rows,
 * other variable dimensions 8). Zeros, and a short text for BYTES. Undefined when an input is
 * not a plain tensor Perch could send; a model whose graph refuses these is simply not measured.
 */
export function warmUpInputs(
  inputs: readonly RuntimeTensorInfo[],
  maxBatchSize: number,
): Tensor[][] | undefined {
  if (inputs.some((i) => i.datatype === undefined || i.shape === undefined)) return undefined;
  const variable = inputs.some((i) => i.shape?.some((d) => d < 0)) || maxBatchSize > 1;
  const sizes = variable
    ? [
        { rows: 1, dim: 1 },
        { rows: Math.max(1, Math.min(maxBatchSize, LARGE_BATCH)), dim: LARGE_DIM },
      ]
    : [{ rows: 1, dim: 1 }];
  return sizes.map(({ rows, dim }) =>
    inputs.map((info) => {
      const shape = (info.shape ?? []).map((d, axis) =>
        axis === 0 && maxBatchSize > 0 ? rows : d < 0 ? dim : d,
      );
      return zeros(info.name, info.datatype ?? 'FP32', shape);
    }),
  );
}

function zeros(name: string, datatype: DataType, shape: number[]): Tensor {
  const count = shape.reduce((n, d) => n * d, 1);
  if (datatype === 'BYTES') {
    return { name, datatype, shape, data: new Array<string>(count).fill(WARM_UP_TEXT) };
  }
  const data = new TYPED_ARRAY_VIEWS[datatype](
    new ArrayBuffer(count * (ELEMENT_BYTES[datatype] ?? 1)),
  );
  return { name, datatype, shape, data };
}
