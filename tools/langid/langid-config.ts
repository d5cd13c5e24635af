import { LANGID_INPUT, LANGID_LABEL, LANGID_PROBABILITIES } from './langid-graph';

/** config.json of the langid model: what /predict answers and where classification labels live. */
export function langidConfig(languages: number): object {
  return {
    name: 'langid',
    platform: 'onnxruntime_onnx',
    max_batch_size: 256,
    input: [{ name: LANGID_INPUT, data_type: 'TYPE_STRING', dims: [] }],
    output: [
      { name: LANGID_LABEL, data_type: 'TYPE_STRING', dims: [] },
      {
        name: LANGID_PROBABILITIES,
        data_type: 'TYPE_FP32',
        dims: [languages],
        label_filename: 'labels.txt',
      },
    ],
    parameters: { predict_output: LANGID_LABEL, intra_op_thread_count: '1' },
  };
}
