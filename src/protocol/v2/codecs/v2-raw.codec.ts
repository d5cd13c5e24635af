import { InvalidInputError } from '../../../common/errors/serving.errors';
import { ELEMENT_BYTES } from '../../../common/tensor/datatype';
import { ModelSignature } from '../../../registry/model-config';
import { DecodedV2Request } from './v2-json.codec';
import { decodeBinaryTensor } from './v2-binary.codec';

/**
 * The extension's raw binary request (Inference-Header-Content-Length: 0): the body is the one
 * input's bytes. The shape is the model's, batch 1, with at most one variable dimension worked
 * out from the byte size; BYTES inputs must hold exactly one element. Every output goes back binary.
 */
export function decodeRawBinaryRequest(
  model: string,
  signature: ModelSignature,
  body: Buffer,
): DecodedV2Request {
  if (signature.inputs.length !== 1) {
    throw new InvalidInputError(
      `model '${model}' has ${signature.inputs.length} inputs; a raw binary request needs exactly 1`,
    );
  }
  const spec = signature.inputs[0];
  const shape = signature.maxBatchSize > 0 ? [1, ...spec.dims] : [...spec.dims];
  const variable = shape.flatMap((d, i) => (d === -1 ? [i] : []));
  const what = `input '${spec.name}'`;
  const elementBytes = ELEMENT_BYTES[spec.datatype];
  if (elementBytes === undefined) {
    if (variable.length > 0 || shape.reduce((n, d) => n * d, 1) !== 1) {
      throw new InvalidInputError(`${what}: a raw binary BYTES input must have shape [1]`);
    }
  } else if (variable.length > 1) {
    throw new InvalidInputError(
      `${what} has ${variable.length} variable dimensions; a raw binary request allows at most 1`,
    );
  } else if (variable.length === 1) {
    const fixed = shape.reduce((n, d) => (d === -1 ? n : n * d), 1) * elementBytes;
    if (fixed === 0 || body.length % fixed !== 0) {
      throw new InvalidInputError(
        `${what}: ${body.length} bytes is not a whole number of ${fixed}-byte rows`,
      );
    }
    shape[variable[0]] = body.length / fixed;
  }
  const data = decodeBinaryTensor(what, spec.datatype, shape, body);
  return {
    request: { inputs: [{ name: spec.name, datatype: spec.datatype, shape, data }] },
    binaryOutput: () => true,
  };
}
