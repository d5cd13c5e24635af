import { Module } from '@nestjs/common';
import { InferenceModule } from '../inference/inference.module';
import { RegistryModule } from '../registry/registry.module';
import { MetricsService } from './metrics.service';

/** Prometheus metrics (METRICS_ENABLED, METRICS_PATH): reads the data plane and the registry. */
@Module({
  imports: [InferenceModule, RegistryModule],
  providers: [MetricsService],
})
export class MetricsModule {}
