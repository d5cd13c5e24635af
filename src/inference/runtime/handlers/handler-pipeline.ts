import type { Handler, ModelContext } from '../../../handlers';

/** Any handler instance: every method optional, types as the author declared them. */
export type AnyHandler = Handler<unknown, unknown, unknown, unknown>;

/**
 * One batch through a handler: `preprocess` (default: the rows) → `predict` (default: run this
 * version's model.onnx) → `postprocess` (default: what predict returned). Resolves with one
 * answer per row, in order; anything else is the handler's fault and throws saying so.
 */
export async function runPipeline(
  handler: AnyHandler,
  context: ModelContext,
  rows: unknown[],
): Promise<unknown[]> {
  const prepared = handler.preprocess ? await handler.preprocess(rows, context) : rows;
  const predicted = handler.predict
    ? await handler.predict(prepared, context)
    : await context.run(prepared as Parameters<ModelContext['run']>[0]);
  const answers = handler.postprocess
    ? await handler.postprocess(predicted, rows, context)
    : predicted;
  if (!Array.isArray(answers)) {
    throw new Error(
      `the handler answered ${typeof answers} for ${rows.length} row(s); postprocess must return an array with one answer per row`,
    );
  }
  if (answers.length !== rows.length) {
    throw new Error(
      `the handler answered ${answers.length} answer(s) for ${rows.length} row(s); it must answer each row once`,
    );
  }
  return answers;
}
