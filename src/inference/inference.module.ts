import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { RegistryModule } from '../registry/registry.module';
import { InferenceService } from './inference.service';
import { InferenceStatistics } from './statistics/inference-statistics';

/** The protocol-neutral data plane. */
@Module({
  imports: [RegistryModule, CacheModule],
  providers: [InferenceStatistics, InferenceService],
  exports: [InferenceService],
})
export class InferenceModule {}
