import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiJsonResponse } from '../../../docs/api-docs.decorators';
import { InferenceService } from '../../../inference/inference.service';
import { EncodedBody } from '../../shared/encoded-body';
import { encodeModelConfig } from '../codecs/v2-config.codec';
import { encodeModelMetadata } from '../codecs/v2-metadata.codec';

/** Per-model metadata, readiness and configuration; the version segment is optional everywhere. */
@Controller('v2/models')
@ApiTags('V2')
export class V2ModelsController {
  constructor(private readonly inference: InferenceService) {}

  @Get([':model', ':model/versions/:version'])
  @ApiOperation({ operationId: 'modelMetadata', summary: 'Model metadata: inputs and outputs' })
  @ApiJsonResponse(200, 'ModelMetadata', 'Names, datatypes and shapes; -1 is any size.')
  @ApiErrors(400, 401, 404, 503)
  async metadata(
    @Param('model') model: string,
    @Param('version') version?: string,
  ): Promise<EncodedBody> {
    // A STANDBY version is described once loaded: its signature comes from the model file.
    await this.inference.whenResident(model, version);
    return encodeModelMetadata(this.inference.modelMetadata(model, version));
  }

  @Get([':model/ready', ':model/versions/:version/ready'])
  @ApiOperation({ operationId: 'modelReady', summary: 'Model readiness' })
  @ApiJsonResponse(200, 'ModelReady', 'The model (version) is READY.')
  @ApiJsonResponse(503, 'ModelReady', 'It is not READY.')
  @ApiErrors(400, 401, 404)
  ready(@Param('model') model: string, @Param('version') version?: string): EncodedBody {
    const ready = this.inference.isModelReady(model, version);
    return EncodedBody.json({ name: model, ready }, ready ? 200 : 503);
  }

  /** Triton's model configuration extension: the effective config, auto-completed fields included. */
  @Get([':model/config', ':model/versions/:version/config'])
  @ApiOperation({
    operationId: 'modelConfig',
    summary: "The effective configuration (Triton's model configuration extension)",
  })
  @ApiJsonResponse(200, 'ModelConfig', 'config.json completed from the model file.')
  @ApiErrors(400, 401, 404, 503)
  async config(
    @Param('model') model: string,
    @Param('version') version?: string,
  ): Promise<EncodedBody> {
    await this.inference.whenResident(model, version);
    return encodeModelConfig(this.inference.modelConfig(model, version));
  }
}
