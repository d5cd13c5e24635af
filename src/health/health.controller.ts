import { Controller, Get, Req, ServiceUnavailableException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Authenticator } from '../auth/authenticator';
import { OpenRoute } from '../auth/route-access.decorator';
import { nodeRequest } from '../common/node-request';
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
    private readonly authenticator: Authenticator,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'healthLive', summary: 'Kubernetes liveness' })
  @ApiJsonResponse(200, 'HealthReport', 'The process answers; models are never looked at.')
  async live(): Promise<EncodedBody> {
    const { report, status } = await this.run([]);
    return EncodedBody.json(report, status);
  }

  @Get('ready')
  @ApiOperation({ operationId: 'healthReady', summary: 'Kubernetes readiness' })
  @ApiJsonResponse(200, 'HealthReport', 'Every model version the repository asks for is READY.')
  @ApiJsonResponse(503, 'HealthReport', 'Each version not READY, with its state and reason.')
  async ready(@Req() req: IncomingMessage | { raw: IncomingMessage }): Promise<EncodedBody> {
    const { report, status } = await this.run([() => this.models.check('models')]);
    // The status code stays open for probes; which models exist, and why one failed to load,
    // is for clients with a key once API_KEYS is set.
    const full = this.authenticator.authenticated(nodeRequest(req));
    return EncodedBody.json(full ? report : { status: report.status }, status);
  }

  /** Terminus throws a 503 carrying the report when a check is down; both outcomes are answers. */
  private async run(
    checks: Parameters<HealthCheckService['check']>[0],
  ): Promise<{ report: HealthCheckResult; status: number }> {
    try {
      return { report: await this.health.check(checks), status: 200 };
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      return { report: e.getResponse() as HealthCheckResult, status: 503 };
    }
  }
}
