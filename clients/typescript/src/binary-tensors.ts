import { DataType, TensorData, TensorDataMap, TYPED_ARRAYS } from './datatypes.js';
import { InferenceProtocolError } from './errors.js';
import { fromHalfBits, toHalfBits } from './fp16.js';
import type { JsonTensorData } from './types.js';
import { toTyped } from './tensor-data.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf8 = new TextEncoder();

/**
 * One tensor's raw bytes for Triton's binary tensor data extension: little-endian, row-major;
 * BOOL one byte per element; FP16 as half floats; each BYTES element a 4-byte little-endian
 * length, then its bytes.
 */
export function tensorBytes(datatype: DataType, data: TensorData | JsonTensorData): Uint8Array {
  if (datatype === 'BYTES') return bytesElements(toTyped('BYTES', data));
  const typed = toTyped(datatype, data);
  if (datatype === 'FP16') {
    const out = new DataView(new ArrayBuffer(typed.length * 2));
    for (let i = 0; i < typed.length; i++) out.setUint16(i * 2, toHalfBits(Number(typed[i])), true);
    return new Uint8Array(out.buffer);
  }
  if (datatype === 'BOOL') return Uint8Array.from(typed as Uint8Array, (v) => (v ? 1 : 0));
  const view = typed as Exclude<TensorData, string[] | Uint8Array[]>;
  const raw = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  return LITTLE_ENDIAN ? raw : swapped(raw, view.BYTES_PER_ELEMENT);
}

/** `bytes` (a copy) decoded as `count` elements of `datatype`; BYTES elements as strings. */
export function fromTensorBytes<D extends DataType>(
  datatype: D,
  bytes: Uint8Array,
  name: string,
): TensorDataMap[D] {
  if (datatype === 'BYTES') return readBytesElements(bytes, name) as TensorDataMap[D];
  const { array, wireBytes } = TYPED_ARRAYS[datatype as Exclude<DataType, 'BYTES'>];
  if (bytes.byteLength % wireBytes !== 0)
    throw new InferenceProtocolError(
      `output '${name}': ${bytes.byteLength} bytes are not whole ${datatype} elements`,
    );
  const count = bytes.byteLength / wireBytes;
  if (datatype === 'FP16') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = fromHalfBits(view.getUint16(i * 2, true));
    return out as TensorDataMap[D];
  }
  const copy = LITTLE_ENDIAN ? bytes.slice() : swapped(bytes, wireBytes);
  // slice() and swapped() return bytes on a fresh ArrayBuffer of their own, at offset 0.
  return new array(copy.buffer as ArrayBuffer, 0, count) as TensorDataMap[D];
}

function bytesElements(elements: string[] | Uint8Array[]): Uint8Array {
  const encoded = elements.map((e) => (typeof e === 'string' ? utf8.encode(e) : e));
  const out = new Uint8Array(encoded.reduce((n, e) => n + 4 + e.byteLength, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const e of encoded) {
    view.setUint32(at, e.byteLength, true);
    out.set(e, at + 4);
    at += 4 + e.byteLength;
  }
  return out;
}

function readBytesElements(bytes: Uint8Array, name: string): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  const out: string[] = [];
  for (let at = 0; at < bytes.byteLength;) {
    if (at + 4 > bytes.byteLength)
      throw new InferenceProtocolError(`output '${name}': a BYTES length prefix is cut short`);
    const length = view.getUint32(at, true);
    if (at + 4 + length > bytes.byteLength)
      throw new InferenceProtocolError(`output '${name}': a BYTES element runs past its tensor`);
    out.push(decoder.decode(bytes.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  return out;
}

/** A copy of `bytes` with every `width`-byte element reversed (big-endian hosts only). */
function swapped(bytes: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(bytes.byteLength);
  for (let i = 0; i < bytes.byteLength; i += width)
    for (let j = 0; j < width; j++) out[i + j] = bytes[i + width - 1 - j];
  return out;
}
