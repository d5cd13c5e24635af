import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { EncodedBody } from '../../shared/encoded-body';
import { V2InferService } from '../v2-infer.service';

/** `POST /v2/models/{m}[/versions/{v}]/infer`. The body arrives as a raw Buffer and is decoded by the service. */
@Controller('v2/models')
export class V2InferController {
  constructor(private readonly v2: V2InferService) {}

  @Post([':model/infer', ':model/versions/:version/infer'])
  @HttpCode(200)
  infer(
    @Param('model') model: string,
    @Body() body: Buffer,
    @Headers('inference-header-content-length') headerLength?: string,
    @Param('version') version?: string,
  ): Promise<EncodedBody> {
    return this.v2.infer(model, version, body, headerLength);
  }
}
