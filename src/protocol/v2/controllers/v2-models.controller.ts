import { Controller, Get, Param } from '@nestjs/common';
import { InferenceService } from '../../../inference/inference.service';
import { EncodedBody } from '../../shared/encoded-body';
import { encodeModelConfig } from '../codecs/v2-config.codec';
import { encodeModelMetadata } from '../codecs/v2-metadata.codec';

/** Per-model metadata, readiness and configuration; the version segment is optional everywhere. */
@Controller('v2/models')
export class V2ModelsController {
  constructor(private readonly inference: InferenceService) {}

  @Get([':model', ':model/versions/:version'])
  metadata(@Param('model') model: string, @Param('version') version?: string): EncodedBody {
    return encodeModelMetadata(this.inference.modelMetadata(model, version));
  }

  @Get([':model/ready', ':model/versions/:version/ready'])
  ready(@Param('model') model: string, @Param('version') version?: string): EncodedBody {
    const ready = this.inference.isModelReady(model, version);
    return EncodedBody.json({ name: model, ready }, ready ? 200 : 503);
  }

  /** Triton's model configuration extension: the effective config, auto-completed fields included. */
  @Get([':model/config', ':model/versions/:version/config'])
  config(@Param('model') model: string, @Param('version') version?: string): EncodedBody {
    return encodeModelConfig(this.inference.modelConfig(model, version));
  }
}
