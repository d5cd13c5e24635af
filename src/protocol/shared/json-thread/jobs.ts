import {
  InternalError,
  InvalidInputError,
  PayloadTooLargeError,
  ServingError,
  UnsupportedError,
} from '../../../common/errors/serving.errors';
import { Tensor } from '../../../common/tensor/tensor';
import { InferRequest } from '../../../inference/inference.types';
import { transferables } from '../../../inference/runtime/pool/pool-protocol';
import { ModelSignature } from '../../../registry/model-config';
import { decodeV1Predict } from '../../v1/v1-json.codec';
import { ModelTensorCounts } from '../../v2/codecs/v2-envelope.codec';
import { PlainV2Request } from '../../v2/codecs/v2-json.codec';
import { decodeLargeV2Request } from '../../v2/codecs/v2-json-spans.codec';
import { parseJsonBody } from '../json-body';

/**
 * The work the JSON thread does: decoding a large body. V1 runs the function the event loop runs
 * for small bodies; V2 runs decodeLargeV2Request, which spares the parsed tree and is held to the
 * same answers by its spec. Either way the request, or the error, is the one the event loop
 * would have produced.
 */
export type JsonJob =
  | {
      readonly kind: 'v2';
      /** The JSON part of the body. */
      readonly json: Buffer;
      /** The binary section (binary tensor extension), if the request has one. */
      readonly binary?: Buffer;
      readonly counts?: ModelTensorCounts;
    }
  | {
      readonly kind: 'v1';
      readonly json: Buffer;
      readonly model: string;
      readonly signature: ModelSignature;
      readonly maxRuns: number;
    };

/** What each kind of job gives back. */
export interface JsonJobResults {
  readonly v2: PlainV2Request;
  readonly v1: InferRequest[];
}

export function runJsonJob(job: JsonJob): JsonJobResults[JsonJob['kind']] {
  switch (job.kind) {
    case 'v2':
      return decodeLargeV2Request(job.json, job.binary, job.counts);
    case 'v1':
      return decodeV1Predict(job.model, job.signature, parseJsonBody(job.json), job.maxRuns);
  }
}

/** The buffers a job's result holds: transferred, not copied, across threads. */
export function resultBuffers(result: JsonJobResults[JsonJob['kind']]): ArrayBuffer[] {
  const requests = Array.isArray(result) ? result : [result.request];
  const tensors: Tensor[] = requests.flatMap((r) => [...r.inputs]);
  return transferables(tensors);
}

/** A failed job as plain data: the error's code and its message, safe for the client. */
export interface JobFailure {
  readonly code: string;
  readonly message: string;
}

export function failureOf(e: unknown): JobFailure {
  if (e instanceof ServingError) return { code: e.code, message: e.message };
  return {
    code: 'INTERNAL',
    message: `decoding the body failed: ${(e as Error)?.message ?? String(e)}`,
  };
}

const ERRORS: Readonly<Record<string, new (message: string) => ServingError>> = {
  INVALID_INPUT: InvalidInputError,
  PAYLOAD_TOO_LARGE: PayloadTooLargeError,
  UNSUPPORTED: UnsupportedError,
};

/** The error the JSON thread reported, as the class the event loop would have thrown. */
export function errorOf(failure: JobFailure): ServingError {
  const ErrorClass = ERRORS[failure.code] ?? InternalError;
  return new ErrorClass(failure.message);
}
