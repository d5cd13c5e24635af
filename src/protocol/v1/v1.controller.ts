import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ModelNotFoundError } from '../../common/errors/serving.errors';
import { EncodedBody } from '../shared/encoded-body';
import { parseJsonBody } from '../shared/json-body';
import { V1PredictService } from './v1-predict.service';

/** KServe V1 / TF Serving REST: model status and `:predict`. */
@Controller('v1/models')
export class V1Controller {
  constructor(private readonly v1: V1PredictService) {}

  @Get(':model')
  status(@Param('model') model: string): EncodedBody {
    return EncodedBody.json(this.v1.status(model));
  }

  /** `:target` is `<model>:predict`, or `<version>:predict` under `/versions/`: the verb shares the segment. */
  @Post([':target', ':model/versions/:target'])
  @HttpCode(200)
  async predict(
    @Param('target') target: string,
    @Body() body: Buffer,
    @Param('model') model?: string,
  ): Promise<EncodedBody> {
    const match = /^(.+):predict$/.exec(target);
    if (!match)
      throw new ModelNotFoundError(`unknown V1 route '${target}': expected '<model>:predict'`);
    const [name, version] = model === undefined ? [match[1], undefined] : [model, match[1]];
    const answer = await this.v1.predict(name, version, parseJsonBody(body));
    return EncodedBody.json(answer.body, undefined, answer.headers).asCompressible();
  }
}
