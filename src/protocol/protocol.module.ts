import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { InferenceModule } from '../inference/inference.module';
import { RegistryModule } from '../registry/registry.module';
import { RepositoryApiGuard } from './v2/repository/repository-api.guard';
import { V2RepositoryController } from './v2/repository/v2-repository.controller';
import { V2RepositoryService } from './v2/repository/v2-repository.service';
import { PredictController } from './predict/predict.controller';
import { PredictService } from './predict/predict.service';
import { ServingExceptionFilter } from './serving-exception.filter';
import { JsonThreadModule } from './shared/json-thread/json-thread.module';
import { V1Controller } from './v1/v1.controller';
import { V1PredictService } from './v1/v1-predict.service';
import { V2InferController } from './v2/controllers/v2-infer.controller';
import { V2ModelsController } from './v2/controllers/v2-models.controller';
import { V2ServerController } from './v2/controllers/v2-server.controller';
import { V2StatsController } from './v2/controllers/v2-stats.controller';
import { V2InferService } from './v2/v2-infer.service';

/**
 * The REST protocols (Open Inference Protocol V2, KServe V1, the /predict drop-in) and the one
 * error filter of every route.
 */
@Module({
  imports: [InferenceModule, RegistryModule, JsonThreadModule],
  // The inference routes first (Express matches routes in this order; see app.module.ts), then
  // V2StatsController before V2ModelsController: see its comment.
  controllers: [
    V2InferController,
    V1Controller,
    PredictController,
    V2ServerController,
    V2StatsController,
    V2ModelsController,
    V2RepositoryController,
  ],
  providers: [
    V1PredictService,
    PredictService,
    V2InferService,
    V2RepositoryService,
    RepositoryApiGuard,
    { provide: APP_FILTER, useClass: ServingExceptionFilter },
  ],
})
export class ProtocolModule {}
