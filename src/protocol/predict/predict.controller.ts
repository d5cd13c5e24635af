import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { RequestBody } from '../../http/request-body';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiJsonBody, ApiJsonResponse } from '../../docs/api-docs.decorators';
import { INFER_ERRORS } from '../../docs/schemas/error-responses';
import { EncodedBody } from '../shared/encoded-body';
import { PredictService } from './predict.service';

/** `POST /predict` (DEFAULT_MODEL) and `POST /predict/{model}`: the Flask tutorial's endpoint. */
@Controller('predict')
@ApiTags('Predict')
@ApiJsonResponse(200, 'PredictResponse', "The model's primary output, one value per row.")
@ApiErrors(...INFER_ERRORS)
export class PredictController {
  constructor(private readonly predictions: PredictService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ operationId: 'predictDefault', summary: 'Predict with DEFAULT_MODEL' })
  @ApiJsonBody('PredictRequest')
  async predictDefault(@RequestBody() body: Buffer): Promise<EncodedBody> {
    return answer(await this.predictions.predict(undefined, body));
  }

  @Post(':model')
  @HttpCode(200)
  @ApiOperation({ operationId: 'predict', summary: 'Predict with a model' })
  @ApiJsonBody('PredictRequest')
  async predict(@Param('model') model: string, @RequestBody() body: Buffer): Promise<EncodedBody> {
    return answer(await this.predictions.predict(model, body));
  }
}

/** An inference answer: JSON the adapter may compress. */
function answer(json: Buffer): EncodedBody {
  return new EncodedBody(json, 'application/json').asCompressible();
}
