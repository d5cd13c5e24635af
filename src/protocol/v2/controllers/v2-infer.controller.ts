import { Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { RequestBody } from '../../../http/request-body';
import { ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiJsonBody, ApiJsonResponse } from '../../../docs/api-docs.decorators';
import { INFER_ERRORS } from '../../../docs/schemas/error-responses';
import { EncodedBody } from '../../shared/encoded-body';
import { V2InferService } from '../v2-infer.service';

/** `POST /v2/models/{m}[/versions/{v}]/infer`. The body arrives as a raw Buffer and is decoded by the service. */
@Controller('v2/models')
@ApiTags('V2')
export class V2InferController {
  constructor(private readonly v2: V2InferService) {}

  @Post([':model/infer', ':model/versions/:version/infer'])
  @HttpCode(200)
  @ApiOperation({
    operationId: 'infer',
    summary: 'Inference on any model',
    description:
      'Open Inference Protocol JSON, or with Inference-Header-Content-Length the binary tensor ' +
      'data extension (JSON header, then raw tensors). Bodies may be gzip, deflate or br. Each ' +
      'model also has a typed operation of its own under the Models tag.',
  })
  @ApiHeader({
    name: 'Inference-Header-Content-Length',
    required: false,
    description: 'Binary tensor data extension: bytes of JSON before the raw tensors; 0: raw form.',
  })
  @ApiConsumes('application/json', 'application/octet-stream')
  @ApiProduces('application/json', 'application/octet-stream')
  @ApiJsonBody('InferenceRequest')
  @ApiJsonResponse(200, 'InferenceResponse', 'The outputs (binary ones after the JSON header).')
  @ApiErrors(...INFER_ERRORS)
  infer(
    @Param('model') model: string,
    @RequestBody() body: Buffer,
    @Headers('inference-header-content-length') headerLength?: string,
    @Param('version') version?: string,
  ): Promise<EncodedBody> {
    return this.v2.infer(model, version, body, headerLength);
  }
}
