import { InvalidInputError } from '../../../common/errors/serving.errors';
import { jsonStructureProblem } from '../../../common/validation/json-structure';
import { InferParameterMessage, ParameterMap, RepositoryParameterMessage } from './grpc-messages';

/**
 * An `InferParameter` map as the plain values the REST protocol carries in `parameters`, so the
 * data plane reads one form: bool → boolean, int64/uint64/double → number, string → string.
 * A 64-bit value beyond 2^53 keeps its decimal string (no known parameter needs one).
 */
export function decodeInferParameters(map: ParameterMap | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, parameter] of Object.entries(map ?? {})) {
    out[name] = parameterValue(name, parameter);
  }
  return checked(out);
}

/**
 * `ModelRepositoryParameter`s as the REST repository API's `parameters`: Triton's gRPC clients
 * send a model file (`file:<version>/model.onnx`) as raw bytes where REST carries base64, so
 * those become base64; any other bytes value is read as UTF-8 text (a config).
 */
export function decodeRepositoryParameters(
  map: Readonly<Record<string, RepositoryParameterMessage>> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, parameter] of Object.entries(map ?? {})) {
    const bytes = parameter.bytes_param ?? Buffer.alloc(0);
    out[name] =
      parameter.parameter_choice !== 'bytes_param'
        ? parameterValue(name, parameter)
        : name.startsWith('file:')
          ? bytes.toString('base64')
          : bytes.toString('utf8');
  }
  return checked(out);
}

/** The names REST refuses in any body (`__proto__`, `constructor`, …) are refused here too. */
function checked(parameters: Record<string, unknown>): Record<string, unknown> {
  const problem = jsonStructureProblem(parameters);
  if (problem) throw new InvalidInputError(`parameters: ${problem}`);
  return parameters;
}

function parameterValue(name: string, p: InferParameterMessage): unknown {
  switch (p.parameter_choice) {
    case 'bool_param':
      return p.bool_param === true;
    case 'string_param':
      return p.string_param ?? '';
    case 'double_param':
      return p.double_param ?? 0;
    case 'int64_param':
      return integer(p.int64_param);
    case 'uint64_param':
      return integer(p.uint64_param);
    default:
      throw new InvalidInputError(`parameter '${name.slice(0, 64)}' holds no value`);
  }
}

function integer(value: string | number | undefined): number | string {
  const n = Number(value ?? 0);
  return Number.isSafeInteger(n) ? n : String(value);
}
