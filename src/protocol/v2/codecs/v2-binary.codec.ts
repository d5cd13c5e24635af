import { endianness } from 'node:os';
import { clientText } from '../../../common/client-text';
import { InvalidInputError } from '../../../common/errors/serving.errors';
import { DataType, ELEMENT_BYTES } from '../../../common/tensor/datatype';
import { elementCount, formatShape } from '../../../common/tensor/shape';
import { TensorData } from '../../../common/tensor/tensor';
import { TYPED_ARRAY_VIEWS as VIEWS } from '../../../common/tensor/typed-arrays';

// Typed arrays use the platform's byte order and the extension's is little-endian: they agree on
// every platform onnxruntime-node ships for, and this stops the server where they would not.
if (endianness() !== 'LE')
  throw new Error('the binary tensor extension needs a little-endian platform');

/** The JSON header and the binary section of a request, split at Inference-Header-Content-Length. */
export function splitBinaryBody(
  body: Buffer,
  headerLength: string,
): { json: Buffer; binary: Buffer } {
  const n = /^\d{1,15}$/.test(headerLength) ? Number(headerLength) : NaN;
  if (!(n <= body.length)) {
    throw new InvalidInputError(
      `Inference-Header-Content-Length '${clientText(headerLength, 32)}' must be an integer from 0 to the body length ${body.length}`,
    );
  }
  return { json: body.subarray(0, n), binary: body.subarray(n) };
}

/**
 * Raw little-endian tensor bytes → typed storage (a fresh, aligned copy the session may take).
 * BYTES elements are a 4-byte little-endian length, then that many bytes (read as UTF-8).
 */
export function decodeBinaryTensor(
  what: string,
  datatype: DataType,
  shape: readonly number[],
  bytes: Buffer,
): TensorData {
  const count = elementCount(shape);
  if (datatype === 'BYTES') return decodeBytesElements(what, count, bytes);
  const size = count * (ELEMENT_BYTES[datatype] as number);
  if (bytes.length !== size) {
    throw new InvalidInputError(
      `${what}: binary data is ${bytes.length} bytes but shape ${formatShape(shape)} of ${datatype} needs ${size}`,
    );
  }
  const copy = new ArrayBuffer(size);
  new Uint8Array(copy).set(bytes);
  const data = new VIEWS[datatype](copy);
  if (datatype === 'BOOL' && (data as Uint8Array).some((v) => v > 1)) {
    throw new InvalidInputError(`${what}: BOOL elements must be bytes 0 or 1`);
  }
  return data;
}

function decodeBytesElements(what: string, count: number, bytes: Buffer): string[] {
  const out: string[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length)
      throw new InvalidInputError(
        `${what}: BYTES element ${out.length} has a truncated length prefix`,
      );
    const length = bytes.readUInt32LE(offset);
    offset += 4;
    if (offset + length > bytes.length) {
      throw new InvalidInputError(
        `${what}: BYTES element ${out.length} declares ${length} bytes but only ${bytes.length - offset} remain`,
      );
    }
    out.push(bytes.toString('utf8', offset, offset + length));
    offset += length;
  }
  if (out.length !== count)
    throw new InvalidInputError(
      `${what}: binary data holds ${out.length} BYTES elements but the shape needs ${count}`,
    );
  return out;
}

/** Typed storage → the extension's raw bytes (a view, no copy, for numeric types). */
export function encodeBinaryTensor(data: TensorData): Buffer {
  if (!Array.isArray(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const parts = data.flatMap((s) => {
    const bytes = Buffer.from(s, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    return [length, bytes];
  });
  return Buffer.concat(parts);
}
