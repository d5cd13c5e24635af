import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { RequestBody } from '../../http/request-body';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiJsonBody, ApiJsonResponse } from '../../docs/api-docs.decorators';
import { INFER_ERRORS } from '../../docs/schemas/error-responses';
import { clientText } from '../../common/client-text';
import { ModelNotFoundError } from '../../common/errors/serving.errors';
import { EncodedBody } from '../shared/encoded-body';
import { V1PredictService } from './v1-predict.service';

/** KServe V1 / TF Serving REST: model status and `:predict`. */
@Controller('v1/models')
@ApiTags('V1')
export class V1Controller {
  constructor(private readonly v1: V1PredictService) {}

  @Get(':model')
  @ApiOperation({ operationId: 'v1ModelStatus', summary: 'Model status' })
  @ApiJsonResponse(200, 'V1ModelStatus', 'Whether the model is READY.')
  @ApiErrors(400, 401, 404)
  status(@Param('model') model: string): EncodedBody {
    return EncodedBody.json(this.v1.status(model));
  }

  /** `:target` is `<model>:predict`, or `<version>:predict` under `/versions/`: the verb shares the segment. */
  @Post([':target', ':model/versions/:target'])
  @HttpCode(200)
  @ApiOperation({
    operationId: 'v1Predict',
    summary: 'Predict (KServe V1)',
    description: 'The path ends in `<model>:predict`, or `<version>:predict` under `/versions/`.',
  })
  @ApiParam({ name: 'target', description: '`<model>:predict`, or `<version>:predict`' })
  @ApiJsonBody('V1Request')
  @ApiJsonResponse(200, 'V1Response', 'One prediction per instance.')
  @ApiErrors(...INFER_ERRORS)
  async predict(
    @Param('target') target: string,
    @RequestBody() body: Buffer,
    @Param('model') model?: string,
  ): Promise<EncodedBody> {
    const match = /^(.+):predict$/.exec(target);
    if (!match)
      throw new ModelNotFoundError(
        `unknown V1 route '${clientText(target)}': expected '<model>:predict'`,
      );
    const [name, version] = model === undefined ? [match[1], undefined] : [model, match[1]];
    const answer = await this.v1.predictBody(name, version, body);
    return new EncodedBody(
      answer.json,
      'application/json',
      undefined,
      answer.headers,
    ).asCompressible();
  }
}
