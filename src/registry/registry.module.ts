import { Module } from '@nestjs/common';
import { RuntimeModule } from '../inference/runtime/runtime.module';
import { ModelLifecycleService } from './model-lifecycle.service';
import { ModelRegistryService } from './model-registry.service';
import { ModelRepository } from './model-repository';
import { ModelUploader } from './model-uploader';
import { ModelVersionLoader } from './model-version-loader';
import { ModelResidencyService } from './model-residency.service';
import { RepositoryPollerService } from './repository-poller.service';
import { ResidencyPolicy } from './residency-policy';

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
    ResidencyPolicy,
    ModelResidencyService,
  ],
  exports: [
    ModelRegistryService,
    ModelLifecycleService,
    ModelRepository,
    ModelUploader,
    ModelResidencyService,
  ],
})
export class RegistryModule {}
