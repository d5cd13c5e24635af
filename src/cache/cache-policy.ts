/** Request parameters that tie a request to per-call state (Triton's sequence batcher): never cached. */
const SEQUENCE_PARAMETERS = ['sequence_id', 'sequence_start', 'sequence_end'] as const;

export type BypassReason = 'request' | 'sequence';

/**
 * Why a request must neither be answered from nor stored in the cache, or undefined when it may
 * be: `"cache": false` in the request's parameters, or any sequence parameter (a stateful model's
 * answer depends on earlier requests, not only on this one's inputs). Other parameters, such as
 * binary_data_output, change only the encoding and leave the answer cacheable.
 */
export function bypassReason(
  parameters: Readonly<Record<string, unknown>> | undefined,
): BypassReason | undefined {
  if (!parameters) return undefined;
  if (parameters.cache === false) return 'request';
  if (SEQUENCE_PARAMETERS.some((p) => Object.hasOwn(parameters, p))) return 'sequence';
  return undefined;
}
