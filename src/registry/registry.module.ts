import { Module } from '@nestjs/common';
import { RuntimeModule } from '../inference/runtime/runtime.module';
import { ModelLifecycleService } from './model-lifecycle.service';
import { ModelRegistryService } from './model-registry.service';
import { ModelRepository } from './model-repository';
import { ModelUploader } from './model-uploader';
import { ModelVersionLoader } from './model-version-loader';
import { RepositoryPollerService } from './repository-poller.service';

/** Models on disk → loaded sessions in memory, and everything that changes which are loaded. */
@Module({
  imports: [RuntimeModule],
  providers: [
    ModelRepository,
    ModelRegistryService,
    ModelVersionLoader,
    ModelLifecycleService,
    RepositoryPollerService,
    ModelUploader,
  ],
  exports: [ModelRegistryService, ModelLifecycleService, ModelRepository, ModelUploader],
})
export class RegistryModule {}
