import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PinoLogger } from 'nestjs-pino';
import type { Server } from 'node:http';
import { InferenceService } from '../inference/inference.service';
import { ModelRegistryService } from '../registry/model-registry.service';
import { logLifecycle } from './model-lifecycle.log';
import { tagRequests } from './request-context';
import { RequestLogObserver } from './request-log.observer';

/**
 * Wires logging in at start-up, before the app listens: request ids on every exchange, model and
 * version on request lines (from the data plane), and a line per model lifecycle step (from the
 * registry).
 */
@Injectable()
export class LoggingService implements OnModuleInit {
  constructor(
    private readonly logger: PinoLogger,
    private readonly inference: InferenceService,
    private readonly registry: ModelRegistryService,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    logger.setContext('Models');
  }

  onModuleInit(): void {
    tagRequests(this.adapterHost.httpAdapter.getHttpServer() as Server);
    this.inference.observe(new RequestLogObserver(this.logger));
    this.registry.onLifecycle((event) => logLifecycle(this.logger, event));
  }
}
