import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { EncodedBody } from '../shared/encoded-body';
import { parseJsonBody } from '../shared/json-body';
import { encodePredictAnswer } from './predict-json.codec';
import { PredictService } from './predict.service';

/** `POST /predict` (DEFAULT_MODEL) and `POST /predict/{model}`: the Flask tutorial's endpoint. */
@Controller('predict')
export class PredictController {
  constructor(private readonly predictions: PredictService) {}

  @Post()
  @HttpCode(200)
  async predictDefault(@Body() body: Buffer): Promise<EncodedBody> {
    const parsed = parseJsonBody(body);
    return encodePredictAnswer(parsed, await this.predictions.predict(undefined, parsed));
  }

  @Post(':model')
  @HttpCode(200)
  async predict(@Param('model') model: string, @Body() body: Buffer): Promise<EncodedBody> {
    const parsed = parseJsonBody(body);
    return encodePredictAnswer(parsed, await this.predictions.predict(model, parsed));
  }
}
