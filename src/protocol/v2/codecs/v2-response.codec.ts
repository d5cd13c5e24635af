import { Tensor } from '../../../common/tensor/tensor';
import { InferResult } from '../../../inference/inference.types';
import { EncodedBody } from '../../shared/encoded-body';
import { encodeJsonData } from '../../shared/json-data.codec';
import { encodeBinaryTensor } from './v2-binary.codec';

/**
 * InferResult → `$inference_response`. JSON outputs are written straight from typed arrays; outputs
 * the client asked for as binary follow the JSON header as raw bytes, with
 * Inference-Header-Content-Length giving the header's size (binary tensor extension).
 */
export function encodeV2InferResponse(
  result: InferResult,
  id: string | undefined,
  binaryOutput: (name: string) => boolean = () => false,
): EncodedBody {
  const binaries: Buffer[] = [];
  const outputs = result.outputs.map((t) => {
    if (!binaryOutput(t.name))
      return `${describe(t)},"data":${encodeJsonData(t.datatype, t.data)}}`;
    const bytes = encodeBinaryTensor(t.data);
    binaries.push(bytes);
    return `${describe(t)},"parameters":{"binary_data_size":${bytes.length}}}`;
  });
  const head = {
    model_name: result.modelName,
    model_version: result.modelVersion,
    ...(id !== undefined && { id }),
  };
  const json = Buffer.from(
    `${JSON.stringify(head).slice(0, -1)},"outputs":[${outputs.join(',')}]}`,
  );
  if (binaries.length === 0) return new EncodedBody(json, 'application/json', undefined, {}, true);
  const headers = { 'Inference-Header-Content-Length': String(json.length) };
  const body = Buffer.concat([json, ...binaries]);
  return new EncodedBody(body, 'application/octet-stream', undefined, headers, true);
}

function describe(t: Tensor): string {
  return `{"name":${JSON.stringify(t.name)},"datatype":"${t.datatype}","shape":${JSON.stringify(t.shape)}`;
}
