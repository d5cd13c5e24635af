import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { InferenceModule } from '../inference/inference.module';
import { GrpcModule } from '../protocol/grpc/grpc.module';
import { JsonThreadModule } from '../protocol/shared/json-thread/json-thread.module';
import { RegistryModule } from '../registry/registry.module';
import { MetricsService } from './metrics.service';

/** Prometheus metrics (METRICS_ENABLED, METRICS_PATH): reads the data plane and the registry. */
@Module({
  imports: [AuthModule, InferenceModule, RegistryModule, GrpcModule, JsonThreadModule],
  providers: [MetricsService],
})
export class MetricsModule {}
