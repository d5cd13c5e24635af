import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { AppConfigModule } from './config/config.module';
import { DocsModule } from './docs/docs.module';
import { HealthModule } from './health/health.module';
import { HttpModule } from './http/http.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { GrpcModule } from './protocol/grpc/grpc.module';
import { ProtocolModule } from './protocol/protocol.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    AuthModule,
    HttpModule,
    HealthModule,
    ProtocolModule,
    GrpcModule,
    MetricsModule,
    DocsModule,
  ],
})
export class AppModule {}
