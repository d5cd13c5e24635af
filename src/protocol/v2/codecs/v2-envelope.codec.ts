import { InvalidInputError } from '../../../common/errors/serving.errors';
import { jsonStructureProblem } from '../../../common/validation/json-structure';
import { validateDtoFields } from '../../../common/validation/validate-dto';
import { InferRequestDto } from '../dto/infer-request.dto';
import { wellFormedEnvelope } from './v2-envelope.fast';

/** How many inputs and outputs a model has: a request listing more cannot be valid. */
export interface ModelTensorCounts {
  readonly model: string;
  readonly inputs: number;
  readonly outputs: number;
}

/**
 * Validates an `$inference_request` envelope (tensor data already replaced) with the DTO. The
 * cost is bounded before class-transformer runs: lists longer than the model's are refused, and
 * `parameters` maps, which the DTO only checks to be objects, are validated as `{}` and put back
 * afterwards, because class-transformer dedupes an object's keys in quadratic time (a 5 MB map
 * of 300000 keys held the event loop for a minute).
 */
export function validateEnvelope(envelope: unknown, counts?: ModelTensorCounts): InferRequestDto {
  const invalid = (message: string) =>
    new InvalidInputError(`invalid inference request: ${message}`);
  if (counts) checkCounts(envelope, counts);
  // Checked here on the whole envelope: the DTO below sees the parameters maps emptied.
  const structural = jsonStructureProblem(envelope);
  if (structural) throw invalid(structural);
  const plain = wellFormedEnvelope(envelope);
  if (plain) return plain;
  const checked = validateDtoFields(
    InferRequestDto,
    mapEach(envelope, (v) => withParameters(v, {})),
  );
  if (!checked.ok) throw invalid(checked.message);
  const dto = checked.value;
  dto.parameters = parametersOf(envelope) ?? dto.parameters;
  const original = envelope as { inputs: unknown[]; outputs?: unknown[] };
  dto.inputs.forEach(
    (input, i) => (input.parameters = parametersOf(original.inputs[i]) ?? input.parameters),
  );
  dto.outputs?.forEach(
    (output, i) => (output.parameters = parametersOf(original.outputs?.[i]) ?? output.parameters),
  );
  return dto;
}

function checkCounts(envelope: unknown, counts: ModelTensorCounts): void {
  if (!isObject(envelope)) return;
  for (const list of ['inputs', 'outputs'] as const) {
    const given = envelope[list];
    if (Array.isArray(given) && given.length > counts[list]) {
      throw new InvalidInputError(
        `model '${counts.model}' has ${counts[list]} ${list}; the request lists ${given.length}`,
      );
    }
  }
}

/** `f` applied to the request and to each of its inputs and outputs, on a shallow copy. */
function mapEach(envelope: unknown, f: (v: unknown) => unknown): unknown {
  if (!isObject(envelope)) return envelope;
  const copy: Record<string, unknown> = { ...(f(envelope) as object) };
  for (const list of ['inputs', 'outputs']) {
    const items = copy[list];
    if (Array.isArray(items)) copy[list] = items.map(f);
  }
  return copy;
}

function withParameters(v: unknown, parameters: object): unknown {
  return isObject(v) && isObject(v.parameters) ? { ...v, parameters } : v;
}

function parametersOf(v: unknown): Record<string, unknown> | undefined {
  return isObject(v) && isObject(v.parameters) ? v.parameters : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
