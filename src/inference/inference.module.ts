import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { InferenceService } from './inference.service';

/** The protocol-neutral data plane. */
@Module({
  imports: [RegistryModule],
  providers: [InferenceService],
  exports: [InferenceService],
})
export class InferenceModule {}
