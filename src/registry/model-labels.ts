import { DATA_TYPES, DataType } from '../common/tensor/datatype';
import { elementCount, formatShape } from '../common/tensor/shape';
import { ModelSignature, OutputLabels } from './model-config';
import { ModelConfigError } from './model-config.parser';

/** Triton's label file: one label per line; a final newline (and `\r` before it) is not a label. */
export function parseLabelFile(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Datatypes whose values can be ranked for the classification extension: the numeric ones. */
export const CLASSIFIABLE: ReadonlySet<DataType> = new Set(
  DATA_TYPES.filter((d) => d !== 'BOOL' && d !== 'BYTES'),
);

/**
 * A label file must fit its output: numeric, and when the output's per-row size is fixed, one
 * label per class. A mismatch is almost always the wrong file, so the load fails naming both.
 */
export function checkLabels(signature: ModelSignature, labels: OutputLabels): void {
  for (const [name, list] of Object.entries(labels)) {
    const spec = signature.outputs.find((o) => o.name === name);
    if (!spec) continue;
    const where = `config.json output '${name}': label_filename`;
    if (!CLASSIFIABLE.has(spec.datatype))
      throw new ModelConfigError(`${where} needs a numeric output, not ${spec.datatype}`);
    const classes = spec.dims.includes(-1) ? undefined : elementCount(spec.dims);
    if (classes !== undefined && classes !== list.length) {
      throw new ModelConfigError(
        `${where} has ${list.length} labels but the output has ${classes} classes (dims ${formatShape(spec.dims)})`,
      );
    }
  }
}
