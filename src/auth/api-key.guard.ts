import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthenticatedError } from '../common/errors/serving.errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ApiKeys, presentedKey } from './api-keys';
import { ROUTE_ACCESS, RouteAccess } from './route-access.decorator';

/**
 * Global guard: with API_KEYS set, every route needs a valid key, except probes, the metrics
 * endpoint (unless PROTECT_METRICS) and admin routes (which take ADMIN_TOKEN only). 401 carries
 * WWW-Authenticate (added by the exception filter).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ApiKeys;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    this.keys = new ApiKeys(config.apiKeys);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.keys.enabled) return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'open' || access === 'admin') return true;
    if (access === 'metrics' && !this.config.protectMetrics) return true;
    const headers = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, unknown> }>().headers;
    const key = presentedKey(headers);
    if (key === undefined) {
      throw new UnauthenticatedError(
        'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>',
      );
    }
    if (!this.keys.matches(key)) throw new UnauthenticatedError('the API key is not valid');
    return true;
  }
}
