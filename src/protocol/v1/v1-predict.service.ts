import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { InferenceService } from '../../inference/inference.service';
import { RequestedOutput } from '../../inference/inference.types';
import { cacheHeader } from '../shared/cache-header';
import { decodeV1Predict, encodeV1Predictions } from './v1-json.codec';

/** A V1 answer: the JSON body and the headers to send with it (X-Cache for cached models). */
export interface V1Prediction {
  readonly body: { predictions: unknown[] };
  readonly headers: Record<string, string>;
}

/** KServe V1 predict on top of the data plane: one body may become several runs (chunks, unbatched rows). */
@Injectable()
export class V1PredictService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inference: InferenceService,
  ) {}

  /** `outputs` narrows each prediction to those outputs (the /predict drop-in asks for one). */
  async predict(
    model: string,
    version: string | undefined,
    body: unknown,
    outputs?: readonly RequestedOutput[],
  ): Promise<V1Prediction> {
    const loading = this.inference.whenResident(model, version);
    if (loading) await loading;
    const { signature } = this.inference.modelConfig(model, version);
    const requests = decodeV1Predict(model, signature, body, this.config.maxInflightPerModel).map(
      (r) => ({ ...r, outputs }),
    );
    const results = await Promise.all(
      requests.map((r) => this.inference.infer(model, version, r, 'v1')),
    );
    const predictions = encodeV1Predictions(
      results.map((r) => r.outputs),
      signature.maxBatchSize > 0,
    );
    return { body: { predictions }, headers: cacheHeader(results) };
  }

  status(model: string): { name: string; ready: boolean } {
    return { name: model, ready: this.inference.isModelReady(model) };
  }
}
