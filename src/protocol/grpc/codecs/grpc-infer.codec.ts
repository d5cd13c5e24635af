import { InvalidInputError } from '../../../common/errors/serving.errors';
import { DATA_TYPES, DataType, isDataType } from '../../../common/tensor/datatype';
import { Tensor } from '../../../common/tensor/tensor';
import { InferRequest, InferResult } from '../../../inference/inference.types';
import { checkKnownParameters } from '../../shared/known-parameters';
import { decodeBinaryTensor, encodeBinaryTensor } from '../../v2/codecs/v2-binary.codec';
import { MAX_TENSOR_RANK } from '../../v2/dto/is-tensor-shape.decorator';
import { CONTENTS_FIELD, decodeContents, encodeContents } from './grpc-contents.codec';
import {
  InferInputTensorMessage,
  ModelInferRequestMessage,
  ModelInferResponseMessage,
} from './grpc-messages';
import { decodeInferParameters } from './grpc-parameters.codec';

/** A ModelInferRequest decoded: where it goes, the protocol-neutral request, and how to answer. */
export interface DecodedGrpcInfer {
  readonly model: string;
  /** Undefined when the request left `model_version` empty: the newest served version answers. */
  readonly version?: string;
  readonly id: string;
  readonly request: InferRequest;
  /** The inputs came in raw_input_contents, so the outputs go back in raw_output_contents. */
  readonly raw: boolean;
}

/**
 * ModelInferRequest → InferRequest. Inputs carry typed `contents` or, all of them, raw bytes in
 * `raw_input_contents` (in input order; BYTES elements with a 4-byte little-endian length
 * prefix, as Triton's clients send them), never both. Shapes, datatypes and the extensions'
 * parameters are checked here; names, shapes against the model and limits by the data plane.
 */
export function decodeModelInferRequest(message: ModelInferRequestMessage): DecodedGrpcInfer {
  if (!message.model_name) throw new InvalidInputError('model_name is required');
  const raw = message.raw_input_contents;
  if (raw.length > 0 && raw.length !== message.inputs.length) {
    throw new InvalidInputError(
      `the request has ${raw.length} raw_input_contents for ${message.inputs.length} inputs; raw inputs need one each, in input order`,
    );
  }
  const inputs = message.inputs.map((input, i) =>
    decodeInput(message.model_name, input, i, raw.length > 0 ? raw[i] : undefined),
  );
  const parameters = decodeInferParameters(message.parameters);
  checkKnownParameters('the request', parameters);
  const outputs = message.outputs.length
    ? message.outputs.map((o) => {
        const own = decodeInferParameters(o.parameters);
        checkKnownParameters(`output '${o.name}'`, own);
        return { name: o.name, parameters: own };
      })
    : undefined;
  return {
    model: message.model_name,
    version: message.model_version || undefined,
    id: message.id,
    request: { inputs, outputs, parameters },
    raw: raw.length > 0,
  };
}

function decodeInput(
  model: string,
  input: InferInputTensorMessage,
  index: number,
  raw: Buffer | undefined,
): Tensor {
  const where = `inputs.${index}`;
  if (!input.name) throw new InvalidInputError(`${where}.name must be a non-empty string`);
  const what = `input '${input.name}'`;
  if (!isDataType(input.datatype)) {
    throw new InvalidInputError(
      `${where}.datatype must be one of the following values: ${DATA_TYPES.join(', ')}`,
    );
  }
  const datatype: DataType = input.datatype;
  const shape = decodeShape(where, input.shape);
  checkKnownParameters(what, decodeInferParameters(input.parameters));
  if (raw !== undefined) {
    if (input.contents !== null) {
      throw new InvalidInputError(
        `${what} of model '${model}': contents must not be given when the request uses raw_input_contents`,
      );
    }
    return {
      name: input.name,
      datatype,
      shape,
      data: decodeBinaryTensor(what, datatype, shape, raw),
    };
  }
  if (input.contents === null) {
    throw new InvalidInputError(
      `${what} of model '${model}' has no data: give contents or raw_input_contents`,
    );
  }
  return {
    name: input.name,
    datatype,
    shape,
    data: decodeContents(what, datatype, shape, input.contents),
  };
}

/** int64 dimensions (decimal strings) → sizes, each a non-negative safe integer, at most MAX_TENSOR_RANK. */
function decodeShape(where: string, dims: readonly (string | number)[]): number[] {
  if (dims.length > MAX_TENSOR_RANK)
    throw new InvalidInputError(`${where}.shape may have at most ${MAX_TENSOR_RANK} dimensions`);
  return dims.map((d) => {
    const n = Number(d);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new InvalidInputError(`${where}.shape must contain only sizes ≥ 0`);
    return n;
  });
}

/**
 * InferResult → ModelInferResponse. Outputs go in raw_output_contents when the request sent raw
 * inputs (as Triton answers them) or when one of them is FP16, which has no typed field (raw
 * contents must then cover every output); otherwise each in its typed `contents`.
 */
export function encodeModelInferResponse(
  result: InferResult,
  id: string,
  raw: boolean,
): ModelInferResponseMessage {
  const asRaw = raw || result.outputs.some((t) => CONTENTS_FIELD[t.datatype] === undefined);
  const outputs = result.outputs.map((t) => ({
    name: t.name,
    datatype: t.datatype,
    shape: [...t.shape],
    ...(!asRaw && { contents: encodeContents(t.datatype, t.data) }),
  }));
  return {
    model_name: result.modelName,
    model_version: result.modelVersion,
    id,
    outputs,
    raw_output_contents: asRaw ? result.outputs.map((t) => encodeBinaryTensor(t.data)) : [],
  };
}
