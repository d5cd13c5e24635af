import { Controller, Get, Param } from '@nestjs/common';
import { InferenceService } from '../../../inference/inference.service';
import { EncodedBody } from '../../shared/encoded-body';
import { encodeModelStatistics } from '../codecs/v2-stats.codec';

/**
 * Triton's statistics extension: `GET /v2/models[/{m}[/versions/{v}]]/stats`. Registered before
 * V2ModelsController, so under Express `/v2/models/stats` is this route and not the metadata of
 * a model named "stats" (Fastify prefers the static segment anyway).
 */
@Controller('v2/models')
export class V2StatsController {
  constructor(private readonly inference: InferenceService) {}

  @Get(['stats', ':model/stats', ':model/versions/:version/stats'])
  stats(@Param('model') model?: string, @Param('version') version?: string): EncodedBody {
    return encodeModelStatistics(this.inference.modelStatistics(model, version));
  }
}
