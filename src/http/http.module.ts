import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { RawBodyMiddleware } from './raw-body.middleware';

/** Adapter-specific request handling: every body arrives in controllers as a raw Buffer. */
@Module({})
export class HttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RawBodyMiddleware).forRoutes('*path');
  }
}
