import { isDataType } from './datatypes.js';
import { parseExactJson } from './exact-json.js';
import { InferenceProtocolError } from './errors.js';
import { fromTensorBytes, tensorBytes } from './binary-tensors.js';
import { checkCount, fromJsonData, toJsonData } from './tensor-data.js';
import type { InferInput, InferOutput, InferRequest, InferResponse, Parameters } from './types.js';

/** The header that splits a binary-extension body into its JSON part and its tensors. */
export const HEADER_LENGTH = 'Inference-Header-Content-Length';

/** How tensors travel: JSON, or Triton's binary tensor data extension (each side on its own). */
export interface TensorEncoding {
  /** Inputs as raw bytes after the JSON header. BYTES inputs given as Uint8Array always are. */
  binaryInputs?: boolean;
  /** Ask the server to answer outputs as raw bytes (`binary_data_output`). */
  binaryOutputs?: boolean;
}

/** A request ready for fetch: its body and the headers that describe it. */
export interface EncodedRequest {
  body: Uint8Array;
  headers: Record<string, string>;
}

const utf8 = new TextEncoder();

/** The request's wire form: plain JSON, or the JSON header followed by the binary inputs. */
export function encodeInferRequest(
  request: InferRequest,
  encoding: TensorEncoding,
): EncodedRequest {
  const binary: Uint8Array[] = [];
  const inputs = request.inputs.map((input) => {
    checkCount(input.name, input.shape, input.data.length);
    const { data, ...rest } = input;
    if (!encoding.binaryInputs && !hasRawBytes(input))
      return { ...rest, data: toJsonData(input.datatype, data) };
    const bytes = tensorBytes(input.datatype, data);
    binary.push(bytes);
    return { ...rest, parameters: { ...input.parameters, binary_data_size: bytes.byteLength } };
  });
  const parameters: Parameters | undefined = encoding.binaryOutputs
    ? { ...request.parameters, binary_data_output: true }
    : request.parameters;
  const header = utf8.encode(JSON.stringify({ ...request, inputs, parameters }));
  if (binary.length === 0) return { body: header, headers: { 'Content-Type': 'application/json' } };
  const body = new Uint8Array(binary.reduce((n, b) => n + b.byteLength, header.byteLength));
  body.set(header, 0);
  let at = header.byteLength;
  for (const b of binary) {
    body.set(b, at);
    at += b.byteLength;
  }
  return {
    body,
    headers: {
      'Content-Type': 'application/octet-stream',
      [HEADER_LENGTH]: String(header.byteLength),
    },
  };
}

/**
 * An answer's typed form. `headerLength` is the answer's Inference-Header-Content-Length (absent:
 * the whole body is JSON); binary outputs take the bytes after the header in output order.
 */
export function decodeInferResponse(body: Uint8Array, headerLength?: number): InferResponse {
  const jsonEnd = headerLength ?? body.byteLength;
  if (jsonEnd > body.byteLength)
    throw new InferenceProtocolError(`the JSON header (${jsonEnd} bytes) is longer than the body`);
  const wire = parseExactJson(new TextDecoder().decode(body.subarray(0, jsonEnd))) as WireResponse;
  let at = jsonEnd;
  const outputs = (wire.outputs ?? []).map((o): InferOutput => {
    if (!isDataType(o.datatype))
      throw new InferenceProtocolError(`output '${o.name}': unknown datatype '${o.datatype}'`);
    const size = o.parameters?.binary_data_size;
    if (typeof size !== 'number')
      return { ...o, data: fromJsonData(o.datatype, o.data) } as InferOutput;
    if (at + size > body.byteLength)
      throw new InferenceProtocolError(`output '${o.name}': its ${size} bytes run past the body`);
    const data = fromTensorBytes(o.datatype, body.subarray(at, at + size), o.name);
    at += size;
    return { ...o, data } as InferOutput;
  });
  return { ...wire, outputs };
}

interface WireResponse extends Omit<InferResponse, 'outputs'> {
  outputs?: {
    name: string;
    datatype: string;
    shape: number[];
    data?: unknown;
    parameters?: Parameters;
  }[];
}

function hasRawBytes(input: InferInput): boolean {
  return (
    input.datatype === 'BYTES' &&
    Array.prototype.some.call(input.data, (v) => v instanceof Uint8Array)
  );
}
