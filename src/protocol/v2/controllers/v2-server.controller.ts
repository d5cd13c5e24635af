import { Controller, Get, Inject } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { OpenRoute } from '../../../auth/route-access.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiJsonResponse } from '../../../docs/api-docs.decorators';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { SERVER_INFO } from '../../../config/server-info';
import { InferenceService } from '../../../inference/inference.service';
import { EncodedBody } from '../../shared/encoded-body';
import { serverExtensions } from '../../shared/server-extensions';

/** Server metadata and server health of the Open Inference Protocol. */
@Controller('v2')
@ApiTags('V2')
export class V2ServerController {
  private readonly extensions: readonly string[];

  constructor(
    private readonly inference: InferenceService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.extensions = serverExtensions(config);
  }

  @Get()
  @ApiOperation({ operationId: 'serverMetadata', summary: 'Server name, version and extensions' })
  @ApiJsonResponse(200, 'ServerMetadata', 'The server metadata.')
  @ApiErrors(401)
  metadata(): EncodedBody {
    return EncodedBody.json({
      name: SERVER_INFO.name,
      version: SERVER_INFO.version,
      extensions: this.extensions,
    });
  }

  /** The process answers; never depends on models. */
  @Get('health/live')
  @ApiOperation({ operationId: 'serverLive', summary: 'Liveness (never looks at models)' })
  @ApiJsonResponse(200, 'ServerLive', 'The process answers.')
  @OpenRoute()
  @SkipThrottle()
  live(): EncodedBody {
    return EncodedBody.json({ live: true });
  }

  /** 200 when every model the repository asks for is READY, else 503 (probes read the status). */
  @Get('health/ready')
  @ApiOperation({ operationId: 'serverReady', summary: 'Readiness: every model READY' })
  @ApiJsonResponse(200, 'ServerReady', 'Every model version the repository asks for is READY.')
  @ApiJsonResponse(503, 'ServerReady', 'Some version is not READY, or the server is draining.')
  @OpenRoute()
  @SkipThrottle()
  ready(): EncodedBody {
    const ready = this.inference.notReady().length === 0;
    return EncodedBody.json({ ready }, ready ? 200 : 503);
  }
}
