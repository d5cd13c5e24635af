import { clientText } from '../../../common/client-text';
import { InvalidInputError } from '../../../common/errors/serving.errors';
import { DataType } from '../../../common/tensor/datatype';
import { Tensor, TensorData } from '../../../common/tensor/tensor';
import { InferRequest } from '../../../inference/inference.types';
import { decodeJsonData } from '../../shared/json-data.codec';
import { checkKnownParameters } from '../../shared/known-parameters';
import { InferRequestDto, RequestInputDto } from '../dto/infer-request.dto';
import { decodeBinaryTensor } from './v2-binary.codec';
import { ModelTensorCounts, validateEnvelope } from './v2-envelope.codec';

/** A V2 request decoded: the id to echo, the protocol-neutral request, and how to send each output. */
export interface DecodedV2Request {
  readonly id?: string;
  /** `model_name` and `model_version` as the body gave them (the KServe SDK sends them). */
  readonly target?: { readonly modelName?: string; readonly modelVersion?: string };
  readonly request: InferRequest;
  /** True for outputs the client asked to receive as binary data (binary tensor extension). */
  readonly binaryOutput: (name: string) => boolean;
}

/** DecodedV2Request as plain data, which can cross to another thread: the choice of binary outputs as values. */
export interface PlainV2Request extends Omit<DecodedV2Request, 'binaryOutput'> {
  /** `binary_data_output` of the request: the default for outputs without their own `binary_data`. */
  readonly allBinary: boolean;
  /** Each requested output's own `binary_data`, where it is a boolean. */
  readonly binaryOutputs: Readonly<Record<string, boolean>>;
}

/**
 * `$inference_request` JSON (and, with the binary tensor extension, the binary section after it)
 * → InferRequest. The envelope is validated by the DTO on a copy whose `data` fields are replaced
 * by `true`: class-transformer would deep-copy every element of a large tensor, and per-element
 * checks belong to the data codecs, which run once per input. `counts`, when known, bounds the
 * envelope's lists before any of that work.
 */
export function decodeV2InferRequest(
  body: unknown,
  binary?: Buffer,
  counts?: ModelTensorCounts,
): DecodedV2Request {
  return withBinarySelector(decodeV2PlainRequest(body, binary, counts));
}

/**
 * Decodes the JSON `data` of input `index`; `data` is what the parsed body holds there. The
 * default parses nothing more; the decode thread's reads a span of the raw text instead.
 */
export type JsonDataDecoder = (
  index: number,
  what: string,
  datatype: DataType,
  shape: readonly number[],
  data: unknown,
) => TensorData;

const parsedData: JsonDataDecoder = (_, what, datatype, shape, data) =>
  decodeJsonData(what, datatype, shape, data);

/** decodeV2InferRequest's work, as plain data (what the JSON decode thread sends back). */
export function decodeV2PlainRequest(
  body: unknown,
  binary?: Buffer,
  counts?: ModelTensorCounts,
  jsonData: JsonDataDecoder = parsedData,
): PlainV2Request {
  const rawInputs: unknown[] = isObject(body) && Array.isArray(body.inputs) ? body.inputs : [];
  const envelope =
    isObject(body) && Array.isArray(body.inputs)
      ? { ...body, inputs: rawInputs.map(markData) }
      : body;
  const dto = validateEnvelope(envelope, counts);
  checkParameterTypes(dto);
  const reader = new BinaryReader(binary);
  const tensors = dto.inputs.map((input, i): Tensor => {
    const datatype = input.datatype as DataType;
    const what = `input '${clientText(input.name)}'`;
    const size = binaryDataSize(input);
    const data =
      size === undefined
        ? jsonData(i, what, datatype, input.shape, (rawInputs[i] as { data: unknown }).data)
        : decodeBinaryTensor(what, datatype, input.shape, reader.take(what, size));
    return { name: input.name, datatype, shape: input.shape, data };
  });
  reader.finish();
  const outputs = dto.outputs?.map((o) => ({ name: o.name, parameters: o.parameters ?? {} }));
  const allBinary = dto.parameters?.binary_data_output === true;
  const binaryOutputs: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const o of outputs ?? []) {
    const own = o.parameters.binary_data;
    if (typeof own === 'boolean') binaryOutputs[o.name] = own;
  }
  const request = { inputs: tensors, outputs, parameters: dto.parameters };
  const target = { modelName: dto.model_name, modelVersion: dto.model_version };
  return { id: dto.id, target, request, allBinary, binaryOutputs };
}

/** The plain request with its `binaryOutput` question answered from the values it carries. */
export function withBinarySelector(plain: PlainV2Request): DecodedV2Request {
  const { id, target, request, allBinary, binaryOutputs } = plain;
  const binaryOutput = (name: string): boolean =>
    Object.prototype.hasOwnProperty.call(binaryOutputs, name) ? binaryOutputs[name] : allBinary;
  return { id, target, request, binaryOutput };
}

/** The extensions' parameters, wherever they appear, must have their types (known-parameters.ts). */
function checkParameterTypes(dto: InferRequestDto): void {
  checkKnownParameters('the request', dto.parameters);
  dto.inputs.forEach((i) => checkKnownParameters(`input '${i.name}'`, i.parameters));
  dto.outputs?.forEach((o) => checkKnownParameters(`output '${o.name}'`, o.parameters));
}

/** Inputs carry `data` or, for binary ones, `parameters.binary_data_size`: either satisfies the DTO. */
function markData(input: unknown): unknown {
  if (!isObject(input)) return input;
  const params = input.parameters;
  const binary = isObject(params) && params.binary_data_size !== undefined;
  if (binary && input.data !== undefined) {
    throw new InvalidInputError(
      `input '${clientText(input.name)}': give data or parameters.binary_data_size, not both`,
    );
  }
  return input.data !== undefined || binary ? { ...input, data: true } : input;
}

function binaryDataSize(input: RequestInputDto): number | undefined {
  const size = input.parameters?.binary_data_size;
  if (size === undefined) return undefined;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new InvalidInputError(
      `input '${clientText(input.name)}': binary_data_size must be a non-negative integer`,
    );
  }
  return size;
}

/** Hands out consecutive slices of the binary section, in input order, and checks it is used up exactly. */
class BinaryReader {
  private offset = 0;

  constructor(private readonly binary: Buffer | undefined) {}

  take(what: string, size: number): Buffer {
    if (!this.binary) {
      throw new InvalidInputError(
        `${what} has binary_data_size but the request has no Inference-Header-Content-Length`,
      );
    }
    const left = this.binary.length - this.offset;
    if (size > left) {
      throw new InvalidInputError(
        `${what}: binary_data_size ${size} runs past the end of the binary data (${left} bytes left)`,
      );
    }
    const slice = this.binary.subarray(this.offset, this.offset + size);
    this.offset += size;
    return slice;
  }

  finish(): void {
    if (this.binary && this.offset !== this.binary.length) {
      throw new InvalidInputError(
        `the binary data is ${this.binary.length} bytes but the inputs' binary_data_size add up to ${this.offset}`,
      );
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
