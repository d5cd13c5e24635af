import { Inject, Injectable } from '@nestjs/common';
import { ModelNotFoundError } from '../../common/errors/serving.errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { InferenceService } from '../../inference/inference.service';
import { EffectiveModelConfig } from '../../inference/inference.types';
import { V1PredictService } from '../v1/v1-predict.service';
import { primaryOutput } from './predict-json.codec';

/**
 * The /predict drop-in: KServe V1 instances in, the model's primary output per instance out.
 * Rows, chunking by max_batch_size and every check are V1's; only the output choice is new.
 */
@Injectable()
export class PredictService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inference: InferenceService,
    private readonly v1: V1PredictService,
  ) {}

  /** Predictions of `model`, or of DEFAULT_MODEL when undefined; one per instance. */
  async predict(model: string | undefined, body: unknown): Promise<unknown[]> {
    const name = model ?? this.config.defaultModel;
    const loading = this.inference.whenResident(name);
    if (loading) await loading;
    const output = primaryOutput(this.modelConfig(name, model === undefined));
    const {
      body: { predictions },
    } = await this.v1.predict(name, undefined, body, [{ name: output, parameters: {} }]);
    return predictions;
  }

  private modelConfig(name: string, isDefault: boolean): EffectiveModelConfig {
    try {
      return this.inference.modelConfig(name);
    } catch (e) {
      if (!isDefault || !(e instanceof ModelNotFoundError)) throw e;
      throw new ModelNotFoundError(
        `POST /predict answers with DEFAULT_MODEL '${name}', which the model repository does not have: ` +
          'set DEFAULT_MODEL, or POST /predict/{model}',
      );
    }
  }
}
