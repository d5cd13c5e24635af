import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { InferenceService } from '../../inference/inference.service';
import { RequestedOutput } from '../../inference/inference.types';
import { ModelSignature } from '../../registry/model-config';
import { InferRequest } from '../../inference/inference.types';
import { cacheHeader } from '../shared/cache-header';
import { parseJsonBody } from '../shared/json-body';
import { JsonDecodeThread, OFF_LOOP_JSON_BYTES } from '../shared/json-decoding/json-decode-thread';
import { decodeV1Predict, encodeV1Predictions } from './v1-json.codec';
import { decodeV1Records } from './v1-records.codec';

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
    private readonly decodeThread: JsonDecodeThread,
  ) {}

  /**
   * predict() for a raw JSON body. A large body for a tensor model is decoded on the JSON decode
   * thread; its model is looked up first (the job needs its signature), so an unknown model is
   * reported before malformed JSON there. A handler model takes the parsed records themselves,
   * which are parsed here whatever their size.
   */
  async predictBody(
    model: string,
    version: string | undefined,
    body: Buffer,
  ): Promise<V1Prediction> {
    if (body.length < OFF_LOOP_JSON_BYTES) return this.predict(model, version, parseJsonBody(body));
    const loading = this.inference.whenResident(model, version);
    if (loading) await loading;
    if (this.inference.takesRecords(model, version))
      return this.predict(model, version, parseJsonBody(body));
    const { signature } = this.inference.modelConfig(model, version);
    const requests = await this.decodeThread.decode({
      kind: 'v1',
      json: body,
      model,
      signature,
      maxRuns: this.config.maxInflightPerModel,
    });
    return this.run(model, version, signature, requests);
  }

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
    if (this.inference.takesRecords(model, version)) return this.records(model, version, body);
    const requests = decodeV1Predict(model, signature, body, this.config.maxInflightPerModel).map(
      (r) => ({ ...r, outputs }),
    );
    return this.run(model, version, signature, requests);
  }

  private async run(
    model: string,
    version: string | undefined,
    signature: ModelSignature,
    requests: readonly InferRequest[],
  ): Promise<V1Prediction> {
    const results = await Promise.all(
      requests.map((r) => this.inference.infer(model, version, r, 'v1')),
    );
    const predictions = encodeV1Predictions(
      results.map((r) => r.outputs),
      signature.maxBatchSize > 0,
    );
    return { body: { predictions }, headers: cacheHeader(results) };
  }

  /** A handler model: each record goes to the handler as it was sent, each answer comes back as it returned it. */
  private async records(
    model: string,
    version: string | undefined,
    body: unknown,
  ): Promise<V1Prediction> {
    const { signature } = this.inference.modelConfig(model, version);
    const chunks = decodeV1Records(
      model,
      body,
      signature.maxBatchSize,
      this.config.maxInflightPerModel,
    );
    const results = await Promise.all(
      chunks.map((rows) => this.inference.inferRecords(model, version, rows, 'v1')),
    );
    return { body: { predictions: results.flatMap((r) => r.answers) }, headers: {} };
  }

  status(model: string): { name: string; ready: boolean } {
    return { name: model, ready: this.inference.isModelReady(model) };
  }
}
