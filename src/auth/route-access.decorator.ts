import { SetMetadata } from '@nestjs/common';

/** Who may call a route when API keys are configured. */
export type RouteAccess = 'open' | 'metrics' | 'admin';

export const ROUTE_ACCESS = 'perch:route-access';

/** Probes: always open, so Kubernetes never needs a key. */
export const OpenRoute = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_ACCESS, 'open');

/** The metrics endpoint: open unless PROTECT_METRICS=true. */
export const MetricsRoute = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS, 'metrics');

/** Admin routes are guarded by ADMIN_TOKEN alone: an inference key never opens them. */
export const AdminRoute = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS, 'admin');
