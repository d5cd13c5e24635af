import { InvalidInputError } from '../../common/errors/serving.errors';

type ParameterType = 'boolean' | 'integer';

/**
 * The parameters the binary tensor data and classification extensions give a meaning, and the
 * type each must have wherever it appears (the request, an input, an output). A value of another
 * type is refused rather than read as absent: Triton answers "Unable to parse 'binary_data_output'"
 * for `"binary_data_output": "yes"`, and a client that meant `true` must not silently get JSON.
 * Ranges (a size ≥ 0, k ≥ 1) are checked where each value is used.
 */
const KNOWN: Readonly<Record<string, ParameterType>> = {
  binary_data: 'boolean',
  binary_data_output: 'boolean',
  binary_data_size: 'integer',
  classification: 'integer',
};

/** Throws InvalidInputError naming the parameter and `where` (e.g. "input 'x'") when a known one has the wrong type. */
export function checkKnownParameters(
  where: string,
  parameters: Readonly<Record<string, unknown>> | null | undefined,
): void {
  // `"parameters": null` passes the envelope as absent; only an object holds parameters.
  if (typeof parameters !== 'object' || parameters === null) return;
  for (const [name, type] of Object.entries(KNOWN)) {
    if (!Object.prototype.hasOwnProperty.call(parameters, name)) continue;
    const value = parameters[name];
    const ok =
      type === 'boolean'
        ? typeof value === 'boolean'
        : typeof value === 'number' && Number.isSafeInteger(value);
    if (ok) continue;
    const shown = (JSON.stringify(value) ?? String(value)).slice(0, 40);
    const expected = type === 'boolean' ? 'a boolean' : 'an integer';
    throw new InvalidInputError(
      `Unable to parse '${name}' in the parameters of ${where}: expected ${expected}, got ${shown}`,
    );
  }
}
