import { isDataType } from '../../../common/tensor/datatype';
import { InferRequestDto, RequestInputDto, RequestOutputDto } from '../dto/infer-request.dto';
import { MAX_TENSOR_RANK } from '../dto/is-tensor-shape.decorator';

const REQUEST_KEYS = new Set([
  'id',
  'model_name',
  'model_version',
  'parameters',
  'inputs',
  'outputs',
]);
const INPUT_KEYS = new Set(['name', 'shape', 'datatype', 'parameters', 'data']);
const OUTPUT_KEYS = new Set(['name', 'parameters']);

/**
 * The envelope as InferRequestDto when it is plainly well formed, checked by hand in one pass;
 * undefined when anything is off, and the caller runs the DTO to say what. class-transformer and
 * class-validator cost ~60 µs on a one-input request, more than the model run of a small model,
 * and nearly every request is well formed. This never accepts what the DTO refuses (a property
 * test in the spec holds it to that); it may refuse what the DTO accepts, which only costs time.
 * Expects `data` already swapped for `true` (v2-json.codec.ts) and `parameters` maps unchanged.
 */
export function wellFormedEnvelope(value: unknown): InferRequestDto | undefined {
  if (!isPlainObject(value) || !onlyKeys(value, REQUEST_KEYS)) return undefined;
  const { id, model_name, model_version, parameters, inputs, outputs } = value;
  if (!optionalString(id) || !optionalString(model_name) || !optionalString(model_version))
    return undefined;
  if (parameters !== undefined && !isPlainObject(parameters)) return undefined;
  if (!Array.isArray(inputs)) return undefined;
  const checkedInputs: RequestInputDto[] = [];
  for (const input of inputs) {
    const checked = wellFormedInput(input);
    if (!checked) return undefined;
    checkedInputs.push(checked);
  }
  let checkedOutputs: RequestOutputDto[] | undefined;
  if (outputs !== undefined) {
    if (!Array.isArray(outputs)) return undefined;
    checkedOutputs = [];
    for (const output of outputs) {
      if (!isPlainObject(output) || !onlyKeys(output, OUTPUT_KEYS)) return undefined;
      if (!isName(output.name) || !optionalObject(output.parameters)) return undefined;
      checkedOutputs.push(output as unknown as RequestOutputDto);
    }
  }
  return {
    ...(id !== undefined && { id }),
    ...(model_name !== undefined && { model_name }),
    ...(model_version !== undefined && { model_version }),
    ...(parameters !== undefined && { parameters: parameters as Record<string, unknown> }),
    inputs: checkedInputs,
    ...(checkedOutputs && { outputs: checkedOutputs }),
  } as InferRequestDto;
}

function wellFormedInput(input: unknown): RequestInputDto | undefined {
  if (!isPlainObject(input) || !onlyKeys(input, INPUT_KEYS)) return undefined;
  const { name, shape, datatype, parameters, data } = input;
  if (!isName(name) || !isShape(shape) || !isDataType(datatype)) return undefined;
  if (!optionalObject(parameters) || data !== true) return undefined;
  return input as unknown as RequestInputDto;
}

/** A V2 `shape`: at most MAX_TENSOR_RANK non-negative integers. */
export function isShape(shape: unknown): shape is number[] {
  if (!Array.isArray(shape) || shape.length > MAX_TENSOR_RANK) return false;
  for (const d of shape) if (!Number.isInteger(d) || (d as number) < 0) return false;
  return true;
}

function optionalString(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}

function isName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

function optionalObject(v: unknown): boolean {
  return v === undefined || isPlainObject(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(v: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in v) if (!allowed.has(key)) return false;
  return true;
}
