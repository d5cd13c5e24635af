import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { InferenceService } from '../inference/inference.service';

/** Up when every model version the repository asks for is READY; down lists the others with reasons. */
@Injectable()
export class ModelsHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly inference: InferenceService,
  ) {}

  check(key: string): HealthIndicatorResult {
    const session = this.indicator.check(key);
    const notReady = this.inference.notReady();
    return notReady.length === 0 ? session.up() : session.down({ notReady });
  }
}
