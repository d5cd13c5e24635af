import { HandlerError, type Handler, type Tensors } from 'perch/handler';

/**
 * Iris as business records: `{"sepal_length": 5.1, ...}` in, `{"species": "setosa",
 * "confidence": 0.98}` out, around the same model.onnx as the `iris` model.
 */
const FIELDS = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;

type IrisRecord = Record<(typeof FIELDS)[number], number>;

interface IrisAnswer {
  species: string;
  confidence: number;
}

export default class IrisRecords implements Handler<IrisRecord, IrisAnswer> {
  /** Records → the model's one input, [rows, 4]; a missing or non-numeric field is a 400 naming it. */
  preprocess(rows: IrisRecord[]): Tensors {
    const data = new Float32Array(rows.length * FIELDS.length);
    rows.forEach((row, r) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        throw new HandlerError(
          'INVALID_ARG',
          `record ${r} must be an object with ${FIELDS.join(', ')}`,
        );
      }
      FIELDS.forEach((field, f) => {
        const value: unknown = row[field];
        if (value === undefined) {
          throw new HandlerError('INVALID_ARG', `record ${r}: field '${field}' is missing`);
        }
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw new HandlerError(
            'INVALID_ARG',
            `record ${r}: field '${field}' must be a number, not ${JSON.stringify(value)}`,
          );
        }
        data[r * FIELDS.length + f] = value;
      });
    });
    return { input: { datatype: 'FP32', shape: [rows.length, FIELDS.length], data } };
  }

  // No predict(): the default runs this version's model.onnx on the handler's own thread.

  /** The model's label and its probability, per row. */
  postprocess(outputs: Tensors): IrisAnswer[] {
    const labels = outputs.label.data as string[];
    const probabilities = outputs.probabilities.data as Float32Array;
    const classes = probabilities.length / labels.length;
    return labels.map((species, r) => {
      const row = probabilities.subarray(r * classes, (r + 1) * classes);
      return { species, confidence: Math.round(Math.max(...row) * 1e4) / 1e4 };
    });
  }
}
