import { InvalidInputError } from '../../../common/errors/serving.errors';
import { DataType } from '../../../common/tensor/datatype';
import { Tensor } from '../../../common/tensor/tensor';
import { validateDto } from '../../../common/validation/validate-dto';
import { InferRequest, InferResult } from '../../../inference/inference.types';
import { decodeJsonData, encodeJsonData } from '../../shared/json-data.codec';
import { EncodedBody } from '../../shared/encoded-body';
import { InferRequestDto } from '../dto/infer-request.dto';

/** A V2 request decoded: the request id to echo and the protocol-neutral request. */
export interface DecodedV2Request {
  readonly id?: string;
  readonly request: InferRequest;
}

/**
 * `$inference_request` JSON → InferRequest. The envelope is validated by the DTO on a copy whose
 * `data` fields are replaced by `true`: class-transformer would deep-copy every element of a
 * large tensor, and per-element checks belong to decodeJsonData, which runs once per input.
 */
export function decodeV2InferRequest(body: unknown): DecodedV2Request {
  const inputs: unknown[] | undefined =
    isObject(body) && Array.isArray(body.inputs) ? body.inputs : undefined;
  const envelope =
    isObject(body) && inputs
      ? {
          ...body,
          inputs: inputs.map((i) =>
            isObject(i) && i.data !== undefined ? { ...i, data: true } : i,
          ),
        }
      : body;
  const checked = validateDto(InferRequestDto, envelope);
  if (!checked.ok) throw new InvalidInputError(`invalid inference request: ${checked.message}`);
  const dto = checked.value;
  const tensors = dto.inputs.map((input, i): Tensor => {
    const datatype = input.datatype as DataType;
    const data = decodeJsonData(
      `input '${input.name}'`,
      datatype,
      input.shape,
      (inputs as { data: unknown }[])[i].data,
    );
    return { name: input.name, datatype, shape: input.shape, data };
  });
  const outputs = dto.outputs?.map((o) => ({ name: o.name, parameters: o.parameters ?? {} }));
  return { id: dto.id, request: { inputs: tensors, outputs } };
}

/** InferResult → `$inference_response` JSON, with tensor data written straight from typed arrays. */
export function encodeV2InferResponse(result: InferResult, id: string | undefined): EncodedBody {
  const head = {
    model_name: result.modelName,
    model_version: result.modelVersion,
    ...(id !== undefined && { id }),
  };
  const outputs = result.outputs.map(
    (t) =>
      `{"name":${JSON.stringify(t.name)},"datatype":"${t.datatype}","shape":${JSON.stringify(t.shape)},` +
      `"data":${encodeJsonData(t.datatype, t.data)}}`,
  );
  const json = `${JSON.stringify(head).slice(0, -1)},"outputs":[${outputs.join(',')}]}`;
  return new EncodedBody(Buffer.from(json), 'application/json');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
