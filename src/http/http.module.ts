import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RawBodyMiddleware } from './raw-body.middleware';

/**
 * Adapter-specific request handling: every body arrives in controllers as a raw Buffer. Under
 * Express a middleware reads it; under Fastify the adapter's content-type parser does.
 */
@Module({})
export class HttpModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    if (this.config.httpAdapter === 'express') consumer.apply(RawBodyMiddleware).forRoutes('*path');
  }
}
