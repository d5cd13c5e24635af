import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { nodeRequest } from '../common/node-request';
import { Authenticator } from './authenticator';
import { ROUTE_ACCESS, RouteAccess } from './route-access.decorator';

/**
 * Global guard: every route's access rule (route-access.decorator.ts) checked by the
 * Authenticator. Guards run before handlers read their bodies (http/request-body.ts), so a
 * refused client's body is never read or inflated. 401 carries WWW-Authenticate (added by the
 * exception filter).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    this.authenticator.authorize(nodeRequest(context.switchToHttp().getRequest()), access ?? 'key');
    return true;
  }
}
