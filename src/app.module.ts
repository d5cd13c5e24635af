import { Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { HttpModule } from './http/http.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProtocolModule } from './protocol/protocol.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    HttpModule,
    HealthModule,
    ProtocolModule,
    MetricsModule,
  ],
})
export class AppModule {}
