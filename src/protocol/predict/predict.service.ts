import { Inject, Injectable } from '@nestjs/common';
import { ModelNotFoundError } from '../../common/errors/serving.errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { InferenceService } from '../../inference/inference.service';
import { EffectiveModelConfig } from '../../inference/inference.types';
import { V1PredictService } from '../v1/v1-predict.service';
import { parseJsonBody } from '../shared/json-body';
import { OFF_LOOP_JSON_BYTES } from '../shared/json-thread/json-thread';
import { primaryOutput, startsWithArray } from './predict-json.codec';

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

  /**
   * The JSON answer for a raw body: predictions of `model`, or of DEFAULT_MODEL when undefined,
   * one per instance; a bare list of instances is answered with a bare list. V1's body path
   * (V1PredictService.predictBody) does the work, large bodies and answers off the event loop
   * included. A small body is parsed before the model is looked up, so malformed JSON is
   * reported first.
   */
  async predict(model: string | undefined, body: Buffer): Promise<Buffer> {
    const parsed = body.length < OFF_LOOP_JSON_BYTES ? parseJsonBody(body) : undefined;
    const name = model ?? this.config.defaultModel;
    const loading = this.inference.whenResident(name);
    if (loading) await loading;
    const output = primaryOutput(this.modelConfig(name, model === undefined));
    const answer = await this.v1.predictBody(name, undefined, body, {
      outputs: [{ name: output, parameters: {} }],
      bare: startsWithArray(body),
      parsed,
    });
    return answer.json;
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
