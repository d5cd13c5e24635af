import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiJsonResponse } from '../../../docs/api-docs.decorators';
import { InferenceService } from '../../../inference/inference.service';
import { EncodedBody } from '../../shared/encoded-body';
import { encodeModelStatistics } from '../codecs/v2-stats.codec';

/**
 * Triton's statistics extension: `GET /v2/models[/{m}[/versions/{v}]]/stats`. Registered before
 * V2ModelsController, so under Express `/v2/models/stats` is this route and not the metadata of
 * a model named "stats" (Fastify prefers the static segment anyway).
 */
@Controller('v2/models')
@ApiTags('V2')
export class V2StatsController {
  constructor(private readonly inference: InferenceService) {}

  @Get(['stats', ':model/stats', ':model/versions/:version/stats'])
  @ApiOperation({
    operationId: 'modelStatistics',
    summary: "Per-version statistics (Triton's statistics extension)",
  })
  @ApiJsonResponse(200, 'ModelStatistics', 'Counts and cumulative durations per READY version.')
  @ApiErrors(400, 401, 404, 503)
  stats(@Param('model') model?: string, @Param('version') version?: string): EncodedBody {
    return encodeModelStatistics(this.inference.modelStatistics(model, version));
  }
}
