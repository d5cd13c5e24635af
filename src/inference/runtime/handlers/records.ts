import { InternalError } from '../../../common/errors/serving.errors';
import { Tensor } from '../../../common/tensor/tensor';
import { RECORDS } from './handler-spec';

/** Business records as the one tensor a handler session takes: one JSON text per row. */
export function recordsTensor(rows: readonly unknown[]): Tensor {
  const data = rows.map((row) => JSON.stringify(row) ?? 'null');
  return { name: RECORDS, datatype: 'BYTES', shape: [data.length], data };
}

/** A handler session's answers back from their tensor, one per row. */
export function answersOf(outputs: readonly Tensor[], rows: number): unknown[] {
  const out = outputs.find((t) => t.name === RECORDS);
  if (!out || !Array.isArray(out.data) || out.data.length !== rows)
    throw new InternalError(`the handler's answers did not come back for ${rows} record(s)`);
  return out.data.map((text) => JSON.parse(text) as unknown);
}
