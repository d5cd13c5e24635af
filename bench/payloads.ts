import { gzipSync } from 'node:zlib';
import { MLP_INPUT, mlpForward } from '../tools/models/mlp-model';
import { mulberry32, uniformFloats } from '../tools/models/seeded-random';
import { AnswerCheck, expectSum, expectV1, expectV2 } from './answer-checks';
import { BenchModels, TENSOR_ELEMENTS } from './bench-models';
import { expectGrpc, MODEL_INFER, modelInferRequest } from './grpc-payloads';

export type PayloadId =
  | 'mlp-json-1'
  | 'mlp-json-32'
  | 'mlp-bin-1'
  | 'mlp-bin-32'
  | 'mlp-v1-1'
  | 'large-json-1'
  | 'mlp-json-1-ort'
  | 'large-json-1-ort'
  | 'tensor-json'
  | 'tensor-bin'
  | 'tensor-json-gzip'
  | 'mlp-grpc-raw-1'
  | 'mlp-grpc-raw-32'
  | 'mlp-grpc-typed-1'
  | 'mlp-grpc-typed-32'
  | 'iris-predict-1'
  | 'iris-records-predict-1'
  | 'iris-v2-1'
  | 'iris-records-v2-1';

/** One request, sent unchanged on every connection, and how to tell a right answer. */
export interface Payload {
  readonly id: PayloadId;
  readonly label: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Batch rows per request: rows/s = rows × answers/s. */
  readonly rows: number;
  readonly check: AnswerCheck;
}

/** One FP32 input tensor of a V2 request. */
interface Input {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Every request of the bench, from seeded inputs, each checked against the reference answer. */
export function buildPayloads(models: BenchModels): Record<PayloadId, Payload> {
  const next = mulberry32(2024);
  const rows = uniformFloats(next, 32 * 64, 1);
  const large = uniformFloats(next, 512, 1);
  const tensor = uniformFloats(next, TENSOR_ELEMENTS, 0.5).map((v) => v + 0.5);
  const b1: Input = { name: MLP_INPUT, shape: [1, 64], data: rows.subarray(0, 64) };
  const b32: Input = { name: MLP_INPUT, shape: [32, 64], data: rows };
  const big: Input = { name: 'x', shape: [TENSOR_ELEMENTS], data: tensor };
  const mlp = '/v2/models/mlp/infer';
  const sumPath = '/v2/models/tensor_sum/infer';
  const ref = mlpForward(models.layers.mlp, b1.data);
  const largeRef = mlpForward(models.layers.mlp_large, large);
  const sum = tensor.reduce((a, v) => a + v, 0);
  const list: Payload[] = [
    v2Json('mlp-json-1', 'V2 JSON, batch 1', mlp, b1, expectV2(ref, false)),
    v2Json('mlp-json-32', 'V2 JSON, batch 32', mlp, b32, expectV2(ref, false)),
    v2Binary('mlp-bin-1', 'V2 binary, batch 1', mlp, b1, expectV2(ref, true)),
    v2Binary('mlp-bin-32', 'V2 binary, batch 32', mlp, b32, expectV2(ref, true)),
    {
      id: 'mlp-v1-1',
      label: 'V1 predict, batch 1',
      path: '/v1/models/mlp:predict',
      headers: JSON_TYPE,
      body: Buffer.from(JSON.stringify({ instances: [Array.from(b1.data)] })),
      rows: 1,
      check: expectV1(ref),
    },
    v2Json(
      'large-json-1',
      'MLP-large V2 JSON, batch 1',
      '/v2/models/mlp_large/infer',
      { name: MLP_INPUT, shape: [1, 512], data: large },
      expectV2(largeRef, false),
    ),
    v2Json(
      'mlp-json-1-ort',
      'V2 JSON, batch 1, ORT threading',
      '/v2/models/mlp_ort/infer',
      b1,
      expectV2(ref, false),
    ),
    v2Json(
      'large-json-1-ort',
      'MLP-large V2 JSON, batch 1, ORT threading',
      '/v2/models/mlp_large_ort/infer',
      { name: MLP_INPUT, shape: [1, 512], data: large },
      expectV2(largeRef, false),
    ),
    v2Json('tensor-json', '4 MiB tensor, JSON', sumPath, big, expectSum(sum, false)),
    v2Binary('tensor-bin', '4 MiB tensor, binary', sumPath, big, expectSum(sum, true)),
    gzipped(
      v2Json('tensor-json-gzip', '4 MiB tensor, JSON + gzip', sumPath, big, expectSum(sum, false)),
    ),
    ...grpcPayloads(b1, b32, ref),
  ];
  return Object.fromEntries(list.map((p) => [p.id, p])) as Record<PayloadId, Payload>;
}

/**
 * The same MLP requests over gRPC (ModelInfer): raw_input_contents as Triton's clients send them,
 * and typed fp32_contents. `path` is the method's path, `body` the serialized message.
 */
function grpcPayloads(b1: Input, b32: Input, ref: readonly number[]): Payload[] {
  const cases: [PayloadId, string, Input, boolean][] = [
    ['mlp-grpc-raw-1', 'gRPC raw, batch 1', b1, true],
    ['mlp-grpc-raw-32', 'gRPC raw, batch 32', b32, true],
    ['mlp-grpc-typed-1', 'gRPC typed, batch 1', b1, false],
    ['mlp-grpc-typed-32', 'gRPC typed, batch 32', b32, false],
  ];
  return cases.map(([id, label, input, raw]) => ({
    id,
    label,
    path: MODEL_INFER.path,
    headers: {},
    body: modelInferRequest('mlp', input, raw),
    rows: batchRows(input),
    check: expectGrpc(ref),
  }));
}

/** The V2 JSON request: `data` written flat, every float32 value as JSON writes its double. */
function v2Json(
  id: PayloadId,
  label: string,
  path: string,
  input: Input,
  check: AnswerCheck,
): Payload {
  const tensor = {
    name: input.name,
    shape: input.shape,
    datatype: 'FP32',
    data: Array.from(input.data),
  };
  const body = Buffer.from(JSON.stringify({ inputs: [tensor] }));
  return { id, label, path, headers: JSON_TYPE, body, rows: batchRows(input), check };
}

/**
 * Triton's binary tensor extension: the JSON header (input with `binary_data_size`, request
 * parameter `binary_data_output: true`), then the raw little-endian FP32 bytes.
 */
function v2Binary(
  id: PayloadId,
  label: string,
  path: string,
  input: Input,
  check: AnswerCheck,
): Payload {
  const size = input.data.byteLength;
  const tensor = {
    name: input.name,
    shape: input.shape,
    datatype: 'FP32',
    parameters: { binary_data_size: size },
  };
  const header = Buffer.from(
    JSON.stringify({ inputs: [tensor], parameters: { binary_data_output: true } }),
  );
  const raw = Buffer.from(input.data.buffer, input.data.byteOffset, size);
  return {
    id,
    label,
    path,
    headers: {
      'content-type': 'application/octet-stream',
      'inference-header-content-length': String(header.length),
    },
    body: Buffer.concat([header, raw]),
    rows: batchRows(input),
    check,
  };
}

/** The same request, its body gzip-compressed and sent with `Content-Encoding: gzip`. */
function gzipped(p: Payload): Payload {
  return { ...p, headers: { ...p.headers, 'content-encoding': 'gzip' }, body: gzipSync(p.body) };
}

/** Rows of a batched [rows, features] input; a flat tensor is one row. */
function batchRows(input: Input): number {
  return input.shape.length > 1 ? input.shape[0] : 1;
}
