import { GraphBuilder } from './onnx-builder';
import { ElemType } from './onnx-proto';
import { LinearClassifier } from './iris-trainer';

/** Triton's `simple`: OUTPUT0 = INPUT0 + INPUT1, OUTPUT1 = INPUT0 - INPUT1, INT32 [batch, 16]. */
export function simpleGraph(): Uint8Array {
  return new GraphBuilder('simple')
    .input('INPUT0', ElemType.INT32, ['batch', 16])
    .input('INPUT1', ElemType.INT32, ['batch', 16])
    .output('OUTPUT0', ElemType.INT32, ['batch', 16])
    .output('OUTPUT1', ElemType.INT32, ['batch', 16])
    .node('Add', ['INPUT0', 'INPUT1'], ['OUTPUT0'])
    .node('Sub', ['INPUT0', 'INPUT1'], ['OUTPUT1'])
    .build();
}

/** Triton's `simple_string`: the same sums on decimal numbers held in BYTES tensors. */
export function simpleStringGraph(): Uint8Array {
  return new GraphBuilder('simple_string')
    .input('INPUT0', ElemType.STRING, ['batch', 16])
    .input('INPUT1', ElemType.STRING, ['batch', 16])
    .output('OUTPUT0', ElemType.STRING, ['batch', 16])
    .output('OUTPUT1', ElemType.STRING, ['batch', 16])
    .node('Cast', ['INPUT0'], ['a'], { to: ElemType.INT32 })
    .node('Cast', ['INPUT1'], ['b'], { to: ElemType.INT32 })
    .node('Add', ['a', 'b'], ['sum'])
    .node('Sub', ['a', 'b'], ['diff'])
    .node('Cast', ['sum'], ['OUTPUT0'], { to: ElemType.STRING })
    .node('Cast', ['diff'], ['OUTPUT1'], { to: ElemType.STRING })
    .build();
}

/** Iris classifier: float [batch, 4] → probabilities [batch, 3] and label (class name) [batch]. */
export function irisGraph(model: LinearClassifier): Uint8Array {
  const k = model.classes.length;
  return new GraphBuilder('iris')
    .input('input', ElemType.FLOAT, ['batch', 4])
    .output('label', ElemType.STRING, ['batch'])
    .output('probabilities', ElemType.FLOAT, ['batch', k])
    .floats('W', [4, k], model.weights.flat())
    .floats('B', [k], model.bias)
    .node('MatMul', ['input', 'W'], ['logits0'])
    .node('Add', ['logits0', 'B'], ['logits'])
    .node('Softmax', ['logits'], ['probabilities'], { axis: 1 })
    .node('ArgMax', ['logits'], ['index'], { axis: 1, keepdims: 0 })
    .node(
      'LabelEncoder',
      ['index'],
      ['label'],
      {
        keys_int64s: model.classes.map((_, i) => i),
        values_strings: model.classes,
        default_string: 'unknown',
      },
      'ai.onnx.ml',
    )
    .build();
}

/** Adds a constant to a float vector: versions of one model that answer differently. */
export function addConstantGraph(constant: number): Uint8Array {
  return new GraphBuilder('add_constant')
    .input('x', ElemType.FLOAT, ['n'])
    .output('y', ElemType.FLOAT, ['n'])
    .floats('c', [], [constant])
    .node('Add', ['x', 'c'], ['y'])
    .build();
}

/** Protocol datatype → ONNX element type, for the all-datatypes identity fixture. */
export const IDENTITY_TYPES: Record<string, number> = {
  BOOL: ElemType.BOOL,
  UINT8: ElemType.UINT8,
  UINT16: ElemType.UINT16,
  UINT32: ElemType.UINT32,
  UINT64: ElemType.UINT64,
  INT8: ElemType.INT8,
  INT16: ElemType.INT16,
  INT32: ElemType.INT32,
  INT64: ElemType.INT64,
  FP16: ElemType.FLOAT16,
  FP32: ElemType.FLOAT,
  FP64: ElemType.DOUBLE,
  BYTES: ElemType.STRING,
};

/**
 * One Identity per datatype: input `IN_<TYPE>` [n] → output `OUT_<TYPE>`, no config.json needed.
 * `exclude` leaves datatypes out (gRPC's typed contents have no FP16 field, and every input of a
 * model must come one way, typed or raw).
 */
export function identityAllGraph(name = 'identity_all', exclude: string[] = []): Uint8Array {
  const g = new GraphBuilder(name);
  for (const [type, elem] of Object.entries(IDENTITY_TYPES)) {
    if (exclude.includes(type)) continue;
    g.input(`IN_${type}`, elem, ['n'])
      .output(`OUT_${type}`, elem, ['n'])
      .node('Identity', [`IN_${type}`], [`OUT_${type}`]);
  }
  return g.build();
}

/** Sums a float vector of `n` elements into `sum` [1]: a model whose cost is its input payload. */
export function tensorSumGraph(n: number): Uint8Array {
  return new GraphBuilder('tensor_sum')
    .input('x', ElemType.FLOAT, [n])
    .output('sum', ElemType.FLOAT, [1])
    .node('ReduceSum', ['x'], ['sum'], { keepdims: 1 })
    .build();
}
