import { InvalidInputError, PayloadTooLargeError } from '../../common/errors/serving.errors';
import { jsonStructureProblem } from '../../common/validation/json-structure';

/**
 * A V1 (or /predict) body for a handler model → the chunks of business records to send it: the
 * rows of `{"instances": [...]}` or of a bare JSON array, each passed on as the client sent it,
 * in chunks of at most max_batch_size rows (one row each when the model does not batch). A body
 * needing more than `maxRuns` (MAX_INFLIGHT_PER_MODEL) chunks is refused as V1's tensors are.
 */
export function decodeV1Records(
  model: string,
  body: unknown,
  maxBatchSize: number,
  maxRuns = Number.POSITIVE_INFINITY,
): unknown[][] {
  const rows = Array.isArray(body)
    ? body
    : typeof body === 'object' && body !== null && Object.hasOwn(body, 'instances')
      ? (body as { instances: unknown }).instances
      : undefined;
  if (!Array.isArray(rows)) {
    throw new InvalidInputError(
      `model '${model}' is served by a handler: send {"instances": [...]} or a JSON array of records`,
    );
  }
  const chunk = maxBatchSize > 0 ? maxBatchSize : 1;
  const runs = Math.ceil(rows.length / chunk);
  if (runs > maxRuns) {
    throw new PayloadTooLargeError(
      `model '${model}' runs at most ${chunk} records at a time, so ${rows.length} records need ${runs} runs at once; MAX_INFLIGHT_PER_MODEL is ${maxRuns}`,
    );
  }
  const problem = jsonStructureProblem(body);
  if (problem) throw new InvalidInputError(problem);
  const chunks: unknown[][] = [];
  for (let start = 0; start < rows.length; start += chunk)
    chunks.push(rows.slice(start, start + chunk));
  return chunks;
}
