import { Injectable } from '@nestjs/common';
import { InferenceService } from '../../inference/inference.service';
import { cacheHeader } from '../shared/cache-header';
import { EncodedBody } from '../shared/encoded-body';
import { parseJsonBody } from '../shared/json-body';
import { JsonThread, OFF_LOOP_JSON_BYTES } from '../shared/json-thread/json-thread';
import { splitBinaryBody } from './codecs/v2-binary.codec';
import { decodeV2InferRequest, DecodedV2Request, withBinarySelector } from './codecs/v2-json.codec';
import { ModelTensorCounts } from './codecs/v2-envelope.codec';
import { servedVersion } from './codecs/v2-model-target';
import { decodeRawBinaryRequest } from './codecs/v2-raw.codec';
import { encodeV2InferResponse } from './codecs/v2-response.codec';

/**
 * V2 infer from raw body to encoded answer: plain JSON, JSON + binary section, or a raw binary
 * body, told apart by the Inference-Header-Content-Length header. A large JSON part is decoded
 * on the JSON decode thread, so the event loop keeps serving meanwhile.
 */
@Injectable()
export class V2InferService {
  constructor(
    private readonly inference: InferenceService,
    private readonly jsonThread: JsonThread,
  ) {}

  async infer(
    model: string,
    version: string | undefined,
    body: Buffer,
    headerLength?: string,
  ): Promise<EncodedBody> {
    const loading = this.inference.whenResident(model, version);
    if (loading) await loading;
    const decoded = await this.decode(model, version, body, headerLength);
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
  ): DecodedV2Request | Promise<DecodedV2Request> {
    if (headerLength === undefined) return this.decodeJson(model, version, body);
    const { json, binary } = splitBinaryBody(body, headerLength);
    if (json.length === 0)
      return decodeRawBinaryRequest(
        model,
        this.inference.modelConfig(model, version).signature,
        binary,
      );
    return this.decodeJson(model, version, json, binary);
  }

  private decodeJson(
    model: string,
    version: string | undefined,
    json: Buffer,
    binary?: Buffer,
  ): DecodedV2Request | Promise<DecodedV2Request> {
    if (json.length >= OFF_LOOP_JSON_BYTES) return this.decodeOffLoop(model, version, json, binary);
    return decodeV2InferRequest(parseJsonBody(json), binary, this.counts(model, version));
  }

  /**
   * The same decoding on the decode thread. The model's tensor counts go with the job when the
   * model is known; when it is not, the body is still decoded first, so that malformed JSON is
   * reported before the unknown model, as it is on the event loop.
   */
  private async decodeOffLoop(
    model: string,
    version: string | undefined,
    json: Buffer,
    binary: Buffer | undefined,
  ): Promise<DecodedV2Request> {
    const counts = this.knownCounts(model, version);
    const plain = await this.jsonThread.run({ kind: 'v2', json, binary, counts });
    if (!counts) this.counts(model, version);
    return withBinarySelector(plain);
  }

  private knownCounts(model: string, version: string | undefined): ModelTensorCounts | undefined {
    try {
      return this.counts(model, version);
    } catch {
      return undefined;
    }
  }

  /** Looked up after the body parses, so malformed JSON is reported before an unknown model. */
  private counts(model: string, version: string | undefined): ModelTensorCounts {
    const { signature } = this.inference.modelConfig(model, version);
    return { model, inputs: signature.inputs.length, outputs: signature.outputs.length };
  }
}
