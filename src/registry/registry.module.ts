import { Module } from '@nestjs/common';
import { RuntimeModule } from '../inference/runtime/runtime.module';
import { ModelRegistryService } from './model-registry.service';
import { ModelRepository } from './model-repository';

/** Models on disk → loaded sessions in memory. */
@Module({
  imports: [RuntimeModule],
  providers: [ModelRepository, ModelRegistryService],
  exports: [ModelRegistryService],
})
export class RegistryModule {}
