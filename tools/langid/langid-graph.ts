import { GraphBuilder } from '../models/onnx-builder';
import { ElemType } from '../models/onnx-proto';
import { FeatureSpace, vectorizerPool } from './features';
import { LinearModel } from './linear-model';
import { MAX_N } from './ngrams';

/** Names of the graph's input and outputs, as config.json and clients see them. */
export const LANGID_INPUT = 'text';
export const LANGID_LABEL = 'label';
export const LANGID_PROBABILITIES = 'probabilities';

/**
 * The whole identifier as one ONNX graph, text in, label out, so the server needs no
 * model-specific code:
 *
 *   text [N] ─ StringNormalizer (lower, C.UTF-8) ─ StringConcat (" " + t + " ")
 *     ─ Tokenizer (one token per code point) ─ TfIdfVectorizer (1..3-gram counts)
 *     ─ MatMul ─ Add ─ [logits | total count]
 *   total count ─ > 0 ─ hasFeatures
 *   logits ─ Softmax ─ × hasFeatures ─ probabilities [N, K]
 *   logits ─ ArgMax ─ Where(hasFeatures, index, K) ─ LabelEncoder ─ label [N]
 *
 * A row without a single counted n-gram (empty, digits, punctuation, an unknown script)
 * gets label index K, `undetermined`, and probabilities of 0.
 */
export function langidGraph(
  space: FeatureSpace,
  model: LinearModel,
  undetermined: string,
  description: string,
): Uint8Array {
  const k = model.labels.length;
  const pool = vectorizerPool(space);
  // One extra column of ones sums each row's counts inside the MatMul: the counts matrix is
  // wide and mostly zeros, and reading it a second time (ReduceSum) costs more than this.
  const weights = new Float32Array(space.columns * (k + 1));
  for (let f = 0; f < space.columns; f++) {
    weights.set(model.weights.subarray(f * k, (f + 1) * k), f * (k + 1));
    weights[f * (k + 1) + k] = 1;
  }
  return (
    new GraphBuilder('langid', 20)
      .input(LANGID_INPUT, ElemType.STRING, ['batch'])
      .output(LANGID_LABEL, ElemType.STRING, ['batch'])
      .output(LANGID_PROBABILITIES, ElemType.FLOAT, ['batch', k])
      .metadata('description', description)
      .strings('space', [], [' '])
      .int64s('feature_axis', [1], [1])
      .int64s('split_sizes', [2], [k, 1])
      .floats('zero', [], [0])
      .int64s('undetermined_index', [], [k])
      .floats('weights', [space.columns, k + 1], weights)
      .floats('bias', [k + 1], [...model.bias, 0])
      // C.UTF-8 is built into glibc ≥ 2.35, so the session loads on any glibc image.
      .node('StringNormalizer', [LANGID_INPUT], ['lower'], {
        case_change_action: 'LOWER',
        is_case_sensitive: 1,
        locale: 'C.UTF-8',
      })
      .node('StringConcat', ['space', 'lower'], ['left_padded'])
      .node('StringConcat', ['left_padded', 'space'], ['padded'])
      // An empty separator splits into single code points; rows are padded with '' to the
      // longest, which no n-gram contains.
      .node(
        'Tokenizer',
        ['padded'],
        ['tokens'],
        { mark: 0, mincharnum: 1, pad_value: '', separators: [''] },
        'com.microsoft',
      )
      .node('TfIdfVectorizer', ['tokens'], ['counts'], {
        mode: 'TF',
        min_gram_length: 1,
        max_gram_length: MAX_N,
        max_skip_count: 0,
        pool_strings: pool.poolStrings,
        ngram_counts: pool.ngramCounts,
        ngram_indexes: pool.ngramIndexes,
      })
      .node('MatMul', ['counts', 'weights'], ['scores'])
      .node('Add', ['scores', 'bias'], ['scores_and_total'])
      .node('Split', ['scores_and_total', 'split_sizes'], ['logits', 'total'], { axis: 1 })
      .node('Greater', ['total', 'zero'], ['has_features'])
      .node('Cast', ['has_features'], ['has_features_float'], { to: ElemType.FLOAT })
      .node('Softmax', ['logits'], ['softmax'], { axis: 1 })
      .node('Mul', ['softmax', 'has_features_float'], [LANGID_PROBABILITIES])
      .node('ArgMax', ['logits'], ['best'], { axis: 1, keepdims: 0 })
      .node('Squeeze', ['has_features', 'feature_axis'], ['has_features_row'])
      .node('Where', ['has_features_row', 'best', 'undetermined_index'], ['label_index'])
      .node(
        'LabelEncoder',
        ['label_index'],
        [LANGID_LABEL],
        {
          keys_int64s: [...model.labels.keys(), k],
          values_strings: [...model.labels, undetermined],
          default_string: undetermined,
        },
        'ai.onnx.ml',
      )
      .build()
  );
}
