import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { OpenRoute } from '../auth/route-access.decorator';
import { EncodedBody } from '../protocol/shared/encoded-body';
import { ModelsHealthIndicator } from './models.health';

/** Kubernetes probes. Liveness never looks at models; readiness reads the same source as /v2/health/ready. */
@Controller('health')
@OpenRoute()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly models: ModelsHealthIndicator,
  ) {}

  @Get('live')
  live(): Promise<EncodedBody> {
    return this.run([]);
  }

  @Get('ready')
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
