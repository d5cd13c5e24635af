import { LANGID_INPUT, LANGID_LABEL, LANGID_PROBABILITIES } from './langid-graph';

/**
 * config.json of the langid model: what /predict answers, where classification labels live,
 * and the abstain threshold. Perch passes `parameters` to no model code: the threshold acts
 * inside the graph, and `abstain_threshold` here records the value the graph was built with
 * (the generator writes both, and a unit spec checks that they agree). To change it, rerun
 * `npm run models:langid -- --abstain-threshold T`, not an edit of this file.
 */
export function langidConfig(languages: number, abstainThreshold: number): object {
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
    parameters: {
      predict_output: LANGID_LABEL,
      intra_op_thread_count: '1',
      abstain_threshold: String(abstainThreshold),
    },
  };
}
