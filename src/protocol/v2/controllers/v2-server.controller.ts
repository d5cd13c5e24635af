import { Controller, Get } from '@nestjs/common';
import { SERVER_INFO } from '../../../config/server-info';
import { InferenceService } from '../../../inference/inference.service';
import { EncodedBody } from '../../shared/encoded-body';

/** Triton extensions Perch implements; only what really works is listed. */
const EXTENSIONS: readonly string[] = ['model_configuration', 'classification'];

/** Server metadata and server health of the Open Inference Protocol. */
@Controller('v2')
export class V2ServerController {
  constructor(private readonly inference: InferenceService) {}

  @Get()
  metadata(): EncodedBody {
    return EncodedBody.json({
      name: SERVER_INFO.name,
      version: SERVER_INFO.version,
      extensions: EXTENSIONS,
    });
  }

  /** The process answers; never depends on models. */
  @Get('health/live')
  live(): EncodedBody {
    return EncodedBody.json({ live: true });
  }

  /** 200 when every model the repository asks for is READY, else 503 (probes read the status). */
  @Get('health/ready')
  ready(): EncodedBody {
    const ready = this.inference.notReady().length === 0;
    return EncodedBody.json({ ready }, ready ? 200 : 503);
  }
}
