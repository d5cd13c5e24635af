import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { InferenceModule } from '../inference/inference.module';
import { PredictController } from './predict/predict.controller';
import { PredictService } from './predict/predict.service';
import { ServingExceptionFilter } from './serving-exception.filter';
import { V1Controller } from './v1/v1.controller';
import { V1PredictService } from './v1/v1-predict.service';
import { V2InferController } from './v2/controllers/v2-infer.controller';
import { V2ModelsController } from './v2/controllers/v2-models.controller';
import { V2ServerController } from './v2/controllers/v2-server.controller';

/**
 * The REST protocols (Open Inference Protocol V2, KServe V1, the /predict drop-in) and the one
 * error filter of every route.
 */
@Module({
  imports: [InferenceModule],
  controllers: [
    V2ServerController,
    V2ModelsController,
    V2InferController,
    V1Controller,
    PredictController,
  ],
  providers: [
    V1PredictService,
    PredictService,
    { provide: APP_FILTER, useClass: ServingExceptionFilter },
  ],
})
export class ProtocolModule {}
