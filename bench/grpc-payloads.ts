import { loadMethods } from '../src/protocol/grpc/grpc-definitions';
import type { AnswerCheck } from './answer-checks';

/** The ModelInfer method's path and codecs, from the .proto files the server serves. */
export const MODEL_INFER = loadMethods().get('/inference.GRPCInferenceService/ModelInfer')!;

/** One FP32 input tensor of a request. */
export interface GrpcInput {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** A serialized ModelInferRequest: raw_input_contents (as Triton's clients send) or typed contents. */
export function modelInferRequest(model: string, input: GrpcInput, raw: boolean): Buffer {
  const tensor = { name: input.name, datatype: 'FP32', shape: [...input.shape] };
  const bytes = Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
  return MODEL_INFER.requestSerialize(
    raw
      ? { model_name: model, inputs: [tensor], raw_input_contents: [bytes] }
      : {
          model_name: model,
          inputs: [{ ...tensor, contents: { fp32_contents: Array.from(input.data) } }],
        },
  );
}

interface Answer {
  outputs?: { contents?: { fp32_contents?: number[] } | null }[];
  raw_output_contents?: Buffer[];
}

/**
 * The first row of a ModelInferResponse's first output equals `ref` (raw or typed). The gRPC
 * case runner hands the answer over as a Reply: status 200 for OK, else the status in `body`.
 */
export function expectGrpc(ref: readonly number[]): AnswerCheck {
  return (r) => {
    if (r.status !== 200) return `gRPC ${r.body.toString().slice(0, 160)}`;
    const answer = MODEL_INFER.responseDeserialize(r.body) as Answer;
    const raw = answer.raw_output_contents?.[0];
    const got = raw?.length
      ? Array.from(new Float32Array(Uint8Array.from(raw).buffer))
      : (answer.outputs?.[0]?.contents?.fp32_contents ?? []);
    if (got.length < ref.length) return `expected at least ${ref.length} values, got ${got.length}`;
    const worst = ref.reduce((m, v, i) => Math.max(m, Math.abs(got[i] - v)), 0);
    return worst <= 1e-4 ? undefined : `answer differs from the reference by ${worst}`;
  };
}
