import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { AppConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { DocsModule } from './docs/docs.module';
import { HealthModule } from './health/health.module';
import { HttpModule } from './http/http.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { GrpcModule } from './protocol/grpc/grpc.module';
import { ProtocolModule } from './protocol/protocol.module';

/**
 * The feature modules. ProtocolModule comes before the others on purpose: Express tries routes
 * in the order they were registered, matching each path pattern in turn, so the inference
 * routes, which carry nearly all traffic, are matched first.
 */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    AuthModule,
    HttpModule,
    ProtocolModule,
    HealthModule,
    GrpcModule,
    MetricsModule,
    DocsModule,
    ConsoleModule,
  ],
})
export class AppModule {}
