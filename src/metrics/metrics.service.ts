import { Authenticator } from '../auth/authenticator';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InferenceService } from '../inference/inference.service';
import { InferenceStatistics } from '../inference/statistics/inference-statistics';
import { ModelRegistryService } from '../registry/model-registry.service';
import { GrpcServer } from '../protocol/grpc/grpc-server';
import { BodyBudget } from '../http/body-budget';
import { JsonThread } from '../protocol/shared/json-thread/json-thread';
import { recordGrpcCall } from './grpc-metrics';
import { observeHttp } from './http-metrics';
import { PerchMetrics, VersionState } from './metrics';
import { MetricsRecorder } from './metrics-recorder';
import { serveMetrics } from './metrics-route';

/**
 * Wires metrics in at start-up when METRICS_ENABLED: subscribes to the data plane's inference
 * records and the registry's lifecycle steps, observes every HTTP exchange and gRPC call, and serves
 * METRICS_PATH. Runs before the app listens (onModuleInit), so no request goes uncounted. When
 * disabled nothing is created: no registry, no timers, no route (the path answers 404).
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inference: InferenceService,
    private readonly statistics: InferenceStatistics,
    private readonly registry: ModelRegistryService,
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: Authenticator,
    private readonly grpc: GrpcServer,
    private readonly bodies: BodyBudget,
    private readonly jsonThread: JsonThread,
  ) {}

  onModuleInit(): void {
    if (!this.config.metricsEnabled) return;
    const metrics = new PerchMetrics(
      () => this.versionStates(),
      true,
      () => this.statistics.list(),
      () => this.bodies,
      () => this.jsonThread.state,
    );
    const recorder = new MetricsRecorder(metrics);
    this.inference.observe(recorder);
    this.registry.onLifecycle((event) => recorder.lifecycle(event));
    const adapter = this.adapterHost.httpAdapter;
    observeHttp(adapter.getHttpServer() as Server, metrics, this.config.metricsPath);
    this.grpc.observe((call) => recordGrpcCall(metrics, call));
    serveMetrics(adapter, this.config.metricsPath, metrics.registry, (req) =>
      this.authenticator.authorize(req, 'metrics'),
    );
  }

  private versionStates(): VersionState[] {
    return this.registry.list().flatMap((m) =>
      m.versions.map((v) => ({
        model: m.name,
        version: String(v.version),
        state: v.state,
        bytes: v.state === 'READY' ? (v.handle?.footprintBytes ?? 0) : 0,
      })),
    );
  }
}
