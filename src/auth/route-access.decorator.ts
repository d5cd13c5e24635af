import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

/** Who may call a route when API keys are configured. */
export type RouteAccess = 'open' | 'metrics' | 'admin';

export const ROUTE_ACCESS = 'perch:route-access';

/**
 * Probes: always open, so Kubernetes never needs a key. The OpenAPI document says so with an
 * empty security requirement (`[{}]`).
 */
export const OpenRoute = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROUTE_ACCESS, 'open'), ApiSecurity({}));

/** The metrics endpoint: open unless PROTECT_METRICS=true. */
export const MetricsRoute = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS, 'metrics');

/** Admin routes are guarded by ADMIN_TOKEN alone: an inference key never opens them. */
export const AdminRoute = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROUTE_ACCESS, 'admin'), ApiSecurity('adminToken'));
