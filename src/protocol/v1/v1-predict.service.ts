import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { InferenceService } from '../../inference/inference.service';
import { InferRequest, InferResult, RequestedOutput } from '../../inference/inference.types';
import { ModelSignature } from '../../registry/model-config';
import { cacheHeader } from '../shared/cache-header';
import { parseJsonBody } from '../shared/json-body';
import { JsonThread, OFF_LOOP_JSON_BYTES } from '../shared/json-thread/json-thread';
import { decodeV1Predict, encodeV1Predictions } from './v1-json.codec';
import { SLICED_ANSWER_ELEMENTS, writeV1PredictionsJson } from './v1-predictions-text';
import { decodeV1Records } from './v1-records.codec';

/** A V1 answer as values: the body and the headers to send with it (X-Cache for cached models). */
export interface V1Prediction {
  readonly body: { predictions: unknown[] };
  readonly headers: Record<string, string>;
}

/** A V1 answer as JSON text, ready to send. */
export interface V1Answer {
  readonly json: Buffer;
  readonly headers: Record<string, string>;
}

/** How predictBody answers: the outputs to keep, and the predictions bare rather than wrapped. */
export interface V1AnswerOptions {
  /** Narrows each prediction to these outputs (the /predict drop-in asks for one). */
  readonly outputs?: readonly RequestedOutput[];
  /** `[…]` instead of `{"predictions": […]}` (/predict answers a bare list of instances so). */
  readonly bare?: boolean;
  /** The body already parsed, when the caller had to parse it first (small bodies only). */
  readonly parsed?: unknown;
}

/** KServe V1 predict on top of the data plane: one body may become several runs (chunks, unbatched rows). */
@Injectable()
export class V1PredictService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inference: InferenceService,
    private readonly jsonThread: JsonThread,
  ) {}

  /**
   * The V1 route: raw JSON body in, JSON text out. A large body for a tensor model is decoded on
   * the JSON thread; its model is looked up first (the job needs its signature), so an unknown
   * model is reported before malformed JSON there, while a small body is parsed first. A large
   * answer is written as text in slices, the event loop free between them (its output tensors
   * are on this thread already: copying millions of strings to another would cost as much). A
   * handler model takes the parsed records themselves, parsed here whatever their size.
   */
  async predictBody(
    model: string,
    version: string | undefined,
    body: Buffer,
    options: V1AnswerOptions = {},
  ): Promise<V1Answer> {
    const parsed =
      options.parsed ?? (body.length < OFF_LOOP_JSON_BYTES ? parseJsonBody(body) : undefined);
    const loading = this.inference.whenResident(model, version);
    if (loading) await loading;
    if (this.inference.takesRecords(model, version)) {
      const answer = await this.records(model, version, parsed ?? parseJsonBody(body));
      const { predictions } = answer.body;
      const json = JSON.stringify(options.bare ? predictions : answer.body);
      return { json: Buffer.from(json), headers: answer.headers };
    }
    const { signature } = this.inference.modelConfig(model, version);
    const requests =
      parsed === undefined
        ? await this.jsonThread.run({
            kind: 'v1',
            json: body,
            model,
            signature,
            maxRuns: this.config.maxInflightPerModel,
          })
        : decodeV1Predict(model, signature, parsed, this.config.maxInflightPerModel);
    const { outputs } = options;
    const results = await this.runAll(
      model,
      version,
      outputs ? requests.map((r) => ({ ...r, outputs })) : requests,
    );
    const json = await this.answerText(results, signature, options.bare === true);
    return { json, headers: cacheHeader(results) };
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
    const results = await this.runAll(model, version, requests);
    const predictions = encodeV1Predictions(
      results.map((r) => r.outputs),
      signature.maxBatchSize > 0,
    );
    return { body: { predictions }, headers: cacheHeader(results) };
  }

  private runAll(
    model: string,
    version: string | undefined,
    requests: readonly InferRequest[],
  ): Promise<InferResult[]> {
    return Promise.all(requests.map((r) => this.inference.infer(model, version, r, 'v1')));
  }

  /** `{"predictions": …}`: built as values and stringified when small, else written as text in slices. */
  private async answerText(
    results: readonly InferResult[],
    signature: ModelSignature,
    bare: boolean,
  ): Promise<Buffer> {
    const outputs = results.map((r) => r.outputs);
    const batched = signature.maxBatchSize > 0;
    const elements = outputs.reduce(
      (n, tensors) => tensors.reduce((m, t) => m + t.data.length, n),
      0,
    );
    if (elements < SLICED_ANSWER_ELEMENTS) {
      const predictions = encodeV1Predictions(outputs, batched);
      return Buffer.from(JSON.stringify(bare ? predictions : { predictions }));
    }
    return writeV1PredictionsJson(outputs, batched, bare);
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
