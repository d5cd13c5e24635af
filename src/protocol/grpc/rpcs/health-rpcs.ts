import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Authenticator } from '../../../auth/authenticator';
import { InferenceService } from '../../../inference/inference.service';
import { ModelRegistryService } from '../../../registry/model-registry.service';
import { GrpcCallRunner, RpcPolicy } from '../call/grpc-call-runner';
import { GrpcError, GrpcStatus } from '../transport/grpc-status';
import { ServerCall } from '../transport/server-call';
import { HealthStatus, ServingStatus } from './health-status';

const PROBE: RpcPolicy = { access: 'open', throttled: false, quiet: true };
const KEY: RpcPolicy = { access: 'key', throttled: true };

/** How often open Watch calls re-read the statuses, besides each lifecycle step: a backstop (ms). */
const WATCH_POLL_MS = 1000;

interface Watcher {
  readonly service: string;
  last?: ServingStatus;
  readonly send: (status: ServingStatus) => void;
}

/**
 * grpc.health.v1.Health: Check (what Kubernetes `grpc:` probes call), Watch (the status now, then
 * each change) and List. The server (`""`) is open to all, as REST's probes are; a model name
 * needs an API key when keys are set, as its REST readiness does (a model's existence is not
 * told to anonymous callers). Watches re-read on every lifecycle step and once a second, and end
 * UNAVAILABLE when the server drains (after telling NOT_SERVING, since readiness goes false first).
 */
@Injectable()
export class HealthRpcs implements OnModuleDestroy {
  private readonly status: HealthStatus;
  private readonly watchers = new Set<Watcher>();
  private timer?: NodeJS.Timeout;

  constructor(
    inference: InferenceService,
    registry: ModelRegistryService,
    private readonly runner: GrpcCallRunner,
    private readonly authenticator: Authenticator,
  ) {
    this.status = new HealthStatus(inference, registry);
    // The table changes just after the step is told, so read it once the step has settled.
    registry.onLifecycle(() => setImmediate(() => this.refresh()));
  }

  handlers(): ReadonlyMap<string, (call: ServerCall) => Promise<void>> {
    const r = this.runner;
    return new Map([
      [
        'Check',
        r.streaming('Check', PROBE, async (call) => {
          const service = this.admit(call, await call.readOne());
          const status = this.status.of(service);
          if (status === 'SERVICE_UNKNOWN')
            throw new GrpcError(GrpcStatus.NOT_FOUND, `unknown service '${service.slice(0, 64)}'`);
          await call.write({ status });
        }),
      ],
      ['Watch', r.streaming('Watch', PROBE, (call) => this.watch(call))],
      [
        'List',
        r.unary('List', KEY, () => ({
          statuses: Object.fromEntries(
            this.status.services().map((s) => [s, { status: this.status.of(s) }]),
          ),
        })),
      ],
    ]);
  }

  /** Re-reads every watched status and tells the watchers whose status changed. */
  refresh(): void {
    for (const w of this.watchers) {
      const now = this.status.of(w.service);
      if (now !== w.last) w.send(now);
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async watch(call: ServerCall): Promise<void> {
    const service = this.admit(call, await call.readOne());
    const watcher: Watcher = {
      service,
      send: (status) => {
        watcher.last = status;
        void call.write({ status }).catch(() => undefined);
      },
    };
    this.watchers.add(watcher);
    this.timer ??= setInterval(() => this.refresh(), WATCH_POLL_MS);
    try {
      watcher.send(this.status.of(service));
      await new Promise<void>((resolve) => {
        call.signal.addEventListener('abort', () => resolve(), { once: true });
        call.closing.addEventListener('abort', () => resolve(), { once: true });
        if (call.closing.aborted || call.signal.aborted) resolve();
      });
    } finally {
      this.watchers.delete(watcher);
      if (this.watchers.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }
    if (call.closing.aborted) {
      // The drain made the server NOT_SERVING before it closed: say so before the stream ends.
      const last = this.status.of(service);
      if (last !== watcher.last) watcher.send(last);
      throw new GrpcError(GrpcStatus.UNAVAILABLE, 'the server is shutting down');
    }
  }

  /** The service a request names; a model's status needs an API key when keys are set. */
  private admit(call: ServerCall, message: unknown): string {
    const service = (message as { service: string }).service;
    if (service !== '') this.authenticator.authorizeCaller(call.metadata, call.peer, 'key');
    return service;
  }
}
