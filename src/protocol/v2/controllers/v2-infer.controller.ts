import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { InferenceService } from '../../../inference/inference.service';
import { EncodedBody } from '../../shared/encoded-body';
import { parseJsonBody } from '../../shared/json-body';
import { decodeV2InferRequest, encodeV2InferResponse } from '../codecs/v2-json.codec';

/** `POST /v2/models/{m}[/versions/{v}]/infer`. The body arrives as a raw Buffer and is decoded here. */
@Controller('v2/models')
export class V2InferController {
  constructor(private readonly inference: InferenceService) {}

  @Post([':model/infer', ':model/versions/:version/infer'])
  @HttpCode(200)
  async infer(
    @Param('model') model: string,
    @Body() body: Buffer,
    @Param('version') version?: string,
  ): Promise<EncodedBody> {
    const { id, request } = decodeV2InferRequest(parseJsonBody(body));
    return encodeV2InferResponse(await this.inference.infer(model, version, request), id);
  }
}
