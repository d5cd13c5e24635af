import { Injectable } from '@nestjs/common';
import { InferenceService } from '../../../inference/inference.service';
import { GrpcCallRunner, RpcPolicy } from '../call/grpc-call-runner';
import { decodeModelInferRequest, encodeModelInferResponse } from '../codecs/grpc-infer.codec';
import { ModelInferRequestMessage } from '../codecs/grpc-messages';
import { ServerCall } from '../transport/server-call';
import { StreamInfer } from './stream-infer';

const KEY: RpcPolicy = { access: 'key', throttled: true };

/** ModelInfer and ModelStreamInfer: decode, one data-plane call per request, encode. */
@Injectable()
export class InferRpcs {
  constructor(
    private readonly inference: InferenceService,
    private readonly runner: GrpcCallRunner,
  ) {}

  handlers(): ReadonlyMap<string, (call: ServerCall) => Promise<void>> {
    const stream = new StreamInfer((m) => this.infer(m), this.runner);
    return new Map([
      ['ModelInfer', this.runner.unary('ModelInfer', KEY, (m) => this.infer(m))],
      [
        'ModelStreamInfer',
        // Admitted once for the stream; each request in it is throttled as a call of its own.
        this.runner.streaming('ModelStreamInfer', { ...KEY, throttled: false }, (call, caller) =>
          stream.serve(call, caller),
        ),
      ],
    ]);
  }

  /** One ModelInferRequest → its ModelInferResponse (the data plane names the protocol `grpc`). */
  async infer(message: unknown): Promise<object> {
    const decoded = decodeModelInferRequest(message as ModelInferRequestMessage);
    const result = await this.inference.infer(
      decoded.model,
      decoded.version,
      decoded.request,
      'grpc',
    );
    return encodeModelInferResponse(result, decoded.id, decoded.raw);
  }
}
