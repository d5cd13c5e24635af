import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RATIO_FREE_BYTES } from '../../http/body-reader';
import { GrpcCallObserver, GrpcCallRunner } from './call/grpc-call-runner';
import { HEALTH_SERVICE, INFERENCE_SERVICE, loadMethods } from './grpc-definitions';
import { HealthRpcs } from './rpcs/health-rpcs';
import { InferRpcs } from './rpcs/infer-rpcs';
import { ModelRpcs } from './rpcs/model-rpcs';
import { RepositoryRpcs } from './rpcs/repository-rpcs';
import { UnsupportedRpcs } from './rpcs/unsupported-rpcs';
import { GrpcRoute, GrpcTransport } from './transport/grpc-transport';
import { ServerCall } from './transport/server-call';

/** Streams one connection may hold open at once. */
const MAX_CONCURRENT_STREAMS = 1024;
/** Request messages of a stream decoded ahead of its handler. */
const READ_AHEAD = 16;

type Handlers = ReadonlyMap<string, (call: ServerCall) => Promise<void>>;

/**
 * The gRPC server beside HTTP: every method of inference.GRPCInferenceService and
 * grpc.health.v1.Health routed to its handler (a method without one stops the boot, so none is
 * silently missing), on GRPC_PORT at HOST, with REST's limits (MAX_REQUEST_BYTES per message
 * after inflation, MAX_INFLATE_RATIO, COMPRESS_MIN_BYTES). main.ts starts it; the graceful
 * shutdown drains it beside the HTTP listener.
 */
@Injectable()
export class GrpcServer implements OnApplicationShutdown {
  private transport?: GrpcTransport;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: GrpcCallRunner,
    private readonly health: HealthRpcs,
    private readonly models: ModelRpcs,
    private readonly infer: InferRpcs,
    private readonly repository: RepositoryRpcs,
    private readonly unsupported: UnsupportedRpcs,
  ) {}

  /** Listens on GRPC_PORT; resolves with the bound port, or undefined when GRPC_PORT is 0 (off). */
  async listen(): Promise<number | undefined> {
    if (this.config.grpcPort === 0) return undefined;
    this.transport = new GrpcTransport(this.routes(), {
      limits: {
        maxBytes: this.config.maxRequestBytes,
        maxInflateRatio: this.config.maxInflateRatio,
        ratioFreeBytes: RATIO_FREE_BYTES,
      },
      compressMinBytes: this.config.compressMinBytes,
      inflateConcurrency: Math.max(2, availableParallelism()),
      maxConcurrentStreams: MAX_CONCURRENT_STREAMS,
      readAhead: READ_AHEAD,
    });
    return this.transport.listen(this.config.grpcPort, this.config.host);
  }

  /** Adds a sink told of every finished call (metrics). */
  observe(observer: GrpcCallObserver): void {
    this.runner.observe(observer);
  }

  /** Readiness has just turned false (SIGTERM): health watchers hear NOT_SERVING now. */
  beginDrain(): void {
    this.health.refresh();
  }

  /** Stops accepting calls and resolves once those in flight have ended (streams wrap up). */
  async close(): Promise<void> {
    await this.transport?.close();
  }

  /** Ends every connection at once: the drain ran out of time. */
  destroy(): void {
    this.transport?.destroy();
  }

  /** Whatever closed the application (a test, a boot failure) closes the port too. */
  onApplicationShutdown(): void {
    this.destroy();
  }

  private routes(): Map<string, GrpcRoute> {
    const handlers = new Map<string, (call: ServerCall) => Promise<void>>();
    const add = (service: string, table: Handlers): void =>
      table.forEach((handler, method) => handlers.set(`/${service}/${method}`, handler));
    for (const rpcs of [this.models, this.infer, this.repository, this.unsupported])
      add(INFERENCE_SERVICE, rpcs.handlers());
    add(HEALTH_SERVICE, this.health.handlers());
    const routes = new Map<string, GrpcRoute>();
    for (const [path, method] of loadMethods()) {
      const handle = handlers.get(path);
      if (!handle) throw new Error(`gRPC method ${path} has no handler`);
      routes.set(path, {
        decode: (bytes) => method.requestDeserialize(bytes),
        encode: (message) => method.responseSerialize(message as object),
        handle,
      });
    }
    return routes;
  }
}
