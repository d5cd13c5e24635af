import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { OpenRoute } from '../auth/route-access.decorator';
import { ApiJsonResponse } from '../docs/api-docs.decorators';
import { EncodedBody } from '../protocol/shared/encoded-body';
import { ModelsHealthIndicator } from './models.health';

/** Kubernetes probes. Liveness never looks at models; readiness reads the same source as /v2/health/ready. */
@Controller('health')
@ApiTags('Health')
@OpenRoute()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly models: ModelsHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'healthLive', summary: 'Kubernetes liveness' })
  @ApiJsonResponse(200, 'HealthReport', 'The process answers; models are never looked at.')
  live(): Promise<EncodedBody> {
    return this.run([]);
  }

  @Get('ready')
  @ApiOperation({ operationId: 'healthReady', summary: 'Kubernetes readiness' })
  @ApiJsonResponse(200, 'HealthReport', 'Every model version the repository asks for is READY.')
  @ApiJsonResponse(503, 'HealthReport', 'Each version not READY, with its state and reason.')
  ready(): Promise<EncodedBody> {
    return this.run([() => this.models.check('models')]);
  }

  /** Terminus throws a 503 carrying the report when a check is down; both outcomes leave as JSON. */
  private async run(checks: Parameters<HealthCheckService['check']>[0]): Promise<EncodedBody> {
    try {
      const result: HealthCheckResult = await this.health.check(checks);
      return EncodedBody.json(result, 200);
    } catch (e) {
      if (e instanceof ServiceUnavailableException) return EncodedBody.json(e.getResponse(), 503);
      throw e;
    }
  }
}
