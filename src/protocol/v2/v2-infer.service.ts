import { Injectable } from '@nestjs/common';
import { InferenceService } from '../../inference/inference.service';
import { cacheHeader } from '../shared/cache-header';
import { EncodedBody } from '../shared/encoded-body';
import { parseJsonBody } from '../shared/json-body';
import { splitBinaryBody } from './codecs/v2-binary.codec';
import { decodeV2InferRequest, DecodedV2Request } from './codecs/v2-json.codec';
import { ModelTensorCounts } from './codecs/v2-envelope.codec';
import { servedVersion } from './codecs/v2-model-target';
import { decodeRawBinaryRequest } from './codecs/v2-raw.codec';
import { encodeV2InferResponse } from './codecs/v2-response.codec';

/**
 * V2 infer from raw body to encoded answer: plain JSON, JSON + binary section, or a raw binary
 * body, told apart by the Inference-Header-Content-Length header.
 */
@Injectable()
export class V2InferService {
  constructor(private readonly inference: InferenceService) {}

  async infer(
    model: string,
    version: string | undefined,
    body: Buffer,
    headerLength?: string,
  ): Promise<EncodedBody> {
    const loading = this.inference.whenResident(model, version);
    if (loading) await loading;
    const decoded = this.decode(model, version, body, headerLength);
    const served = servedVersion(model, version, decoded.target);
    const result = await this.inference.infer(model, served, decoded.request, 'v2');
    const encoded = encodeV2InferResponse(result, decoded.id, decoded.binaryOutput);
    return encoded.withHeaders(cacheHeader([result]));
  }

  private decode(
    model: string,
    version: string | undefined,
    body: Buffer,
    headerLength?: string,
  ): DecodedV2Request {
    if (headerLength === undefined)
      return decodeV2InferRequest(parseJsonBody(body), undefined, this.counts(model, version));
    const { json, binary } = splitBinaryBody(body, headerLength);
    if (json.length === 0)
      return decodeRawBinaryRequest(
        model,
        this.inference.modelConfig(model, version).signature,
        binary,
      );
    return decodeV2InferRequest(parseJsonBody(json), binary, this.counts(model, version));
  }

  /** Looked up after the body parses, so malformed JSON is reported before an unknown model. */
  private counts(model: string, version: string | undefined): ModelTensorCounts {
    const { signature } = this.inference.modelConfig(model, version);
    return { model, inputs: signature.inputs.length, outputs: signature.outputs.length };
  }
}
