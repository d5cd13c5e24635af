import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OpenRoute } from '../auth/route-access.decorator';
import { clientText } from '../common/client-text';
import { EncodedBody } from '../protocol/shared/encoded-body';
import { ApiErrors } from './api-docs.decorators';
import { DocsEnabledGuard } from './docs-enabled.guard';
import { docsAsset, DOCS_PAGE } from './docs-page';
import { OpenApiService } from './openapi.service';

/** `/openapi.json` (metadata: needs a key when API_KEYS is set) and the Swagger UI page `/docs`. */
@Controller()
@ApiTags('Docs')
@UseGuards(DocsEnabledGuard)
export class DocsController {
  constructor(private readonly openApi: OpenApiService) {}

  @Get('openapi.json')
  @ApiOperation({
    operationId: 'openapi',
    summary: 'This OpenAPI document',
    description:
      'Includes one typed infer operation per READY model version, current as of the request.',
  })
  @ApiResponse({ status: 200, description: 'The OpenAPI 3 document.' })
  @ApiErrors(401, 404)
  document(): EncodedBody {
    return new EncodedBody(this.openApi.json(), 'application/json');
  }

  @Get('docs')
  @OpenRoute()
  @ApiExcludeEndpoint()
  page(): EncodedBody {
    return new EncodedBody(Buffer.from(DOCS_PAGE), 'text/html; charset=utf-8');
  }

  @Get('docs/:asset')
  @OpenRoute()
  @ApiExcludeEndpoint()
  asset(@Param('asset') name: string): EncodedBody {
    const asset = docsAsset(name);
    if (!asset) throw new NotFoundException(`no docs file '${clientText(name)}'`);
    return new EncodedBody(asset.body, asset.contentType, 200, {
      'Cache-Control': 'public, max-age=86400',
    });
  }
}
