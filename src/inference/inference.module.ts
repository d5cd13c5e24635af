import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { RegistryModule } from '../registry/registry.module';
import { RuntimeModule } from './runtime/runtime.module';
import { HandlerCalls } from './handler-calls';
import { InferenceService } from './inference.service';
import { InferenceStatistics } from './statistics/inference-statistics';

/** The protocol-neutral data plane. */
@Module({
  imports: [RegistryModule, RuntimeModule, CacheModule],
  providers: [InferenceStatistics, InferenceService, HandlerCalls],
  exports: [InferenceService, InferenceStatistics],
})
export class InferenceModule {}
