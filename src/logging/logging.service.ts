import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InferenceService } from '../inference/inference.service';
import { ModelRegistryService } from '../registry/model-registry.service';
import { AccessLog } from './access-log';
import { logLifecycle } from './model-lifecycle.log';
import { tagRequests } from './request-context';
import { RequestLogObserver } from './request-log.observer';
import { ROOT_LOGGER } from './root-logger';

/**
 * Wires logging in at start-up, before the app listens: request ids and a log scope on every
 * exchange with its access line, model and version on request lines (from the data plane), and
 * a line per model lifecycle step (from the registry).
 */
@Injectable()
export class LoggingService implements OnModuleInit {
  constructor(
    @Inject(ROOT_LOGGER) private readonly root: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inference: InferenceService,
    private readonly registry: ModelRegistryService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    tagRequests(server, new AccessLog(this.root, this.config.metricsPath));
    this.inference.observe(new RequestLogObserver());
    const models = this.root.child({ context: 'Models' });
    this.registry.onLifecycle((event) => logLifecycle(models, event));
  }
}
