import { Module } from '@nestjs/common';
import { InferenceModule } from '../inference/inference.module';
import { RegistryModule } from '../registry/registry.module';
import { DocsController } from './docs.controller';
import { DocsEnabledGuard } from './docs-enabled.guard';
import { OpenApiService } from './openapi.service';

/** The OpenAPI document and its docs page. */
@Module({
  imports: [InferenceModule, RegistryModule],
  controllers: [DocsController],
  providers: [OpenApiService, DocsEnabledGuard],
  exports: [OpenApiService],
})
export class DocsModule {}
