import { toHalfBits } from '../../src/common/tensor/fp16';
import { GraphBuilder } from '../models/onnx-builder';
import { ElemType } from '../models/onnx-proto';
import { FAMILIES, FeatureSpace, MAX_TOKENS, MAX_WORDS, WORD_FAMILY } from './features';
import { LinearModel } from './linear-model';
import { WORD_PATTERN } from './ngrams';

/** Names of the graph's input and outputs, as config.json and clients see them. */
export const LANGID_INPUT = 'text';
export const LANGID_LABEL = 'label';
export const LANGID_PROBABILITIES = 'probabilities';
/** metadata_props key holding the abstain threshold the graph was built with. */
export const ABSTAIN_METADATA = 'abstain_threshold';

/**
 * The whole identifier as one ONNX graph, text in, label out, so the server needs no
 * model-specific code:
 *
 *   text [N] ─ StringNormalizer (lower, C.UTF-8) ─ StringConcat (" " + t + " ")
 *     ─ Tokenizer (one token per code point) ─ first 256 ─ Slice/StringConcat ─ 1..4-grams
 *     └ Tokenizer (runs of letters) ─ first 64 ─ words
 *   each family ─ LabelEncoder (string → row; unknown → the zero row) ─ Concat
 *     ─ Gather (weights, float16 in the file) ─ ReduceSum ─ Add ─ [logits | feature count]
 *   logits ─ Softmax ─ × (count > 0) ─ probabilities [N, K]
 *   probabilities ─ ReduceMax ≥ threshold ? ArgMax : K ─ LabelEncoder ─ label [N]
 *
 * Looking rows up costs one read per n-gram of the text, whatever the vocabulary size; a
 * dense count vector times a matrix (TfIdfVectorizer, MatMul) costs the whole vocabulary for
 * every text, and would not reach 10,000 texts/s with tens of thousands of columns.
 * A text without a known feature (empty, digits, punctuation, an unknown script), and a text
 * whose top probability is below the threshold, gets label index K, `undetermined`.
 */
export function langidGraph(
  space: FeatureSpace,
  model: LinearModel,
  abstainThreshold: number,
  undetermined: string,
  description: string,
): Uint8Array {
  if (!(abstainThreshold > 0)) throw new Error('the abstain threshold must be above 0');
  const k = model.labels.length;
  const unknown = space.columns;
  // Row `unknown` is all zeros; the last column is 1 for every known row, so the sum counts
  // the text's known features inside the same lookup.
  const halves = new Uint16Array((space.columns + 1) * (k + 1));
  for (let f = 0; f < space.columns; f++) {
    for (let c = 0; c < k; c++) halves[f * (k + 1) + c] = toHalfBits(model.weights[f * k + c]);
    halves[f * (k + 1) + k] = toHalfBits(1);
  }
  const g = new GraphBuilder('langid', 20)
    .input(LANGID_INPUT, ElemType.STRING, ['batch'])
    .output(LANGID_LABEL, ElemType.STRING, ['batch'])
    .output(LANGID_PROBABILITIES, ElemType.FLOAT, ['batch', k])
    .metadata('description', description)
    .metadata(ABSTAIN_METADATA, String(abstainThreshold))
    .strings('space', [], [' '])
    .int64s('axis1', [1], [1])
    .int64s('zero_i', [1], [0])
    .int64s('minus_one', [1], [-1])
    .int64s('split_sizes', [2], [k, 1])
    .floats('zero', [], [0])
    .floats('threshold', [], [abstainThreshold])
    .int64s('undetermined_index', [], [k])
    .halves('weights_half', [space.columns + 1, k + 1], halves)
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
    // longest. A padded n-gram is shorter than its family's keys, so it matches none.
    .int64s('max_tokens', [1], [MAX_TOKENS])
    .int64s('max_words', [1], [MAX_WORDS])
    .node('Tokenizer', ['padded'], ['all_chars'], tokenizer({ separators: [''] }), 'com.microsoft')
    .node('Slice', ['all_chars', 'zero_i', 'max_tokens', 'axis1'], ['gram_1'])
    .node(
      'Tokenizer',
      ['lower'],
      ['all_words'],
      tokenizer({ tokenexp: WORD_PATTERN }),
      'com.microsoft',
    )
    .node('Slice', ['all_words', 'zero_i', 'max_words', 'axis1'], ['words']);
  for (let n = 2; n < WORD_FAMILY + 1; n++) {
    g.int64s(`start_${n}`, [1], [n - 1])
      .int64s(`end_${n}`, [1], [Number.MAX_SAFE_INTEGER])
      .node('Slice', [`gram_${n - 1}`, 'zero_i', 'minus_one', 'axis1'], [`head_${n}`])
      .node('Slice', ['gram_1', `start_${n}`, `end_${n}`, 'axis1'], [`tail_${n}`])
      .node('StringConcat', [`head_${n}`, `tail_${n}`], [`gram_${n}`]);
  }
  const rows = FAMILIES.map((_, family) => {
    const strings = family === WORD_FAMILY ? 'words' : `gram_${family + 1}`;
    const vocabulary = [...space.vocabularies[family]];
    g.node(
      'LabelEncoder',
      [strings],
      [`rows_${family}`],
      {
        keys_strings: vocabulary.map(([s]) => s),
        values_int64s: vocabulary.map(([, column]) => column),
        default_int64: unknown,
      },
      'ai.onnx.ml',
    );
    return `rows_${family}`;
  });
  return (
    g
      .node('Concat', rows, ['rows'], { axis: 1 })
      // A Cast of a constant: ONNX Runtime folds it when the session loads, so the file holds
      // float16 (half the bytes) and every run gathers float32 rows with nothing to convert.
      .node('Cast', ['weights_half'], ['weights'], { to: ElemType.FLOAT })
      .node('Gather', ['weights', 'rows'], ['row_weights'], { axis: 0 })
      .node('ReduceSum', ['row_weights', 'axis1'], ['sums'], { keepdims: 0 })
      .node('Add', ['sums', 'bias'], ['scores_and_total'])
      .node('Split', ['scores_and_total', 'split_sizes'], ['logits', 'total'], { axis: 1 })
      .node('Greater', ['total', 'zero'], ['has_features'])
      .node('Cast', ['has_features'], ['has_features_float'], { to: ElemType.FLOAT })
      .node('Softmax', ['logits'], ['softmax'], { axis: 1 })
      .node('Mul', ['softmax', 'has_features_float'], [LANGID_PROBABILITIES])
      .node('ReduceMax', [LANGID_PROBABILITIES, 'axis1'], ['confidence'], { keepdims: 0 })
      .node('GreaterOrEqual', ['confidence', 'threshold'], ['sure'])
      .node('ArgMax', ['logits'], ['best'], { axis: 1, keepdims: 0 })
      .node('Where', ['sure', 'best', 'undetermined_index'], ['label_index'])
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

function tokenizer(
  split: { separators: string[] } | { tokenexp: string },
): Record<string, number | string | string[]> {
  return { mark: 0, mincharnum: 1, pad_value: '', ...split };
}
