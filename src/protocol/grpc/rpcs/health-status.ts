import { InferenceService } from '../../../inference/inference.service';
import { ModelRegistryService } from '../../../registry/model-registry.service';

/** grpc.health.v1 ServingStatus names (the proto's enum, sent by name). */
export type ServingStatus = 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

/**
 * What grpc.health.v1 reports for a service name, read from the same table as REST's readiness:
 * `""` is the server (SERVING when every model version is READY and it is not draining, as
 * /v2/health/ready), a model name is that model (SERVING when a version of it is READY, as
 * /v2/models/{m}/ready). A model that was loaded once and has been unloaded is NOT_SERVING, not
 * unknown: unloading turns it off; a name never seen is SERVICE_UNKNOWN. Names are learnt from
 * the registry's lifecycle steps, so the set is bounded by the repository.
 */
export class HealthStatus {
  private readonly known = new Set<string>();

  constructor(
    private readonly inference: InferenceService,
    private readonly registry: ModelRegistryService,
  ) {
    registry.onLifecycle((event) => this.known.add(event.model));
  }

  of(service: string): ServingStatus {
    if (service === '') return this.inference.notReady().length === 0 ? 'SERVING' : 'NOT_SERVING';
    const model = this.registry.list().find((m) => m.name === service);
    if (model) {
      this.known.add(service);
      return model.versions.some((v) => v.state === 'READY') ? 'SERVING' : 'NOT_SERVING';
    }
    return this.known.has(service) ? 'NOT_SERVING' : 'SERVICE_UNKNOWN';
  }

  /** Every service with a status: the server and each model known. */
  services(): string[] {
    for (const m of this.registry.list()) this.known.add(m.name);
    return ['', ...[...this.known].sort()];
  }
}
