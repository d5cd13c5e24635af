import { DATA_TYPES, DataType, ELEMENT_BYTES } from '../common/tensor/datatype';
import { elementCount } from '../common/tensor/shape';
import { Tensor, TensorData } from '../common/tensor/tensor';
import { TYPED_ARRAY_VIEWS as VIEWS } from '../common/tensor/typed-arrays';

/**
 * The stored form of a cached answer: the output tensors as raw little-endian bytes, a few bytes
 * of header each, no JSON text (so a float costs 4 bytes, not ~10, and decoding is a copy).
 *
 *   "PRC1" · u32 count · per tensor: u8 datatype · u8 rank · u16 name length · name (UTF-8)
 *   · rank × f64 dims · f64 payload length · payload
 *
 * The payload is the elements' bytes, or for BYTES each element as u32 length + UTF-8 bytes.
 * Values may come from a shared Redis, so decoding checks every length and throws on anything off.
 */
const MAGIC = Buffer.from('PRC1');

/** Thrown for a stored value that is not a well-formed entry; the cache treats it as a miss. */
export class CorruptEntryError extends Error {}

/** Tensors → one Buffer. Throws (and the answer is simply not cached) for names or ranks too long to store. */
export function encodeCachedTensors(tensors: readonly Tensor[]): Buffer {
  const parts = tensors.map((t) => ({ t, name: Buffer.from(t.name, 'utf8'), payload: payload(t) }));
  const size = parts.reduce(
    (n, p) => n + 4 + p.name.length + 8 * p.t.shape.length + 8 + p.payload.length,
    MAGIC.length + 4,
  );
  const out = Buffer.allocUnsafe(size);
  let o = MAGIC.copy(out, 0);
  o = out.writeUInt32LE(tensors.length, o);
  for (const { t, name, payload } of parts) {
    if (t.shape.length > 255 || name.length > 65535)
      throw new RangeError(`tensor '${t.name}' is too large to cache`);
    o = out.writeUInt8(DATA_TYPES.indexOf(t.datatype), o);
    o = out.writeUInt8(t.shape.length, o);
    o = out.writeUInt16LE(name.length, o);
    o += name.copy(out, o);
    for (const d of t.shape) o = out.writeDoubleLE(d, o);
    o = out.writeDoubleLE(payload.length, o);
    o += payload.copy(out, o);
  }
  return out;
}

/** One Buffer → tensors, each with its own freshly allocated (aligned) storage the caller owns. */
export function decodeCachedTensors(value: Buffer): Tensor[] {
  const r = new Reader(value);
  if (!r.take(MAGIC.length).equals(MAGIC)) throw new CorruptEntryError('unknown entry format');
  const count = r.u32();
  const tensors: Tensor[] = [];
  for (let i = 0; i < count; i++) {
    const datatype = DATA_TYPES[r.u8()];
    if (datatype === undefined) throw new CorruptEntryError(`tensor ${i}: unknown datatype`);
    const rank = r.u8();
    const name = r.take(r.u16()).toString('utf8');
    const shape = Array.from({ length: rank }, () => r.dim());
    const bytes = r.take(r.dim());
    tensors.push({ name, datatype, shape, data: data(datatype, shape, bytes) });
  }
  if (!r.done()) throw new CorruptEntryError('trailing bytes after the last tensor');
  return tensors;
}

function payload(t: Tensor): Buffer {
  const d = t.data;
  if (!Array.isArray(d)) return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
  const bytes = d.map((s) => Buffer.from(s, 'utf8'));
  const out = Buffer.allocUnsafe(bytes.reduce((n, b) => n + 4 + b.length, 0));
  let o = 0;
  for (const b of bytes) {
    o = out.writeUInt32LE(b.length, o);
    o += b.copy(out, o);
  }
  return out;
}

function data(datatype: DataType, shape: readonly number[], bytes: Buffer): TensorData {
  const count = elementCount(shape);
  if (datatype === 'BYTES') {
    // Each element takes at least its 4-byte length: checked first, so a forged shape allocates nothing.
    if (count * 4 > bytes.length)
      throw new CorruptEntryError('BYTES payload shorter than its shape');
    const r = new Reader(bytes);
    const out = Array.from({ length: count }, () => r.take(r.u32()).toString('utf8'));
    if (!r.done()) throw new CorruptEntryError('BYTES payload longer than its elements');
    return out;
  }
  if (bytes.length !== count * (ELEMENT_BYTES[datatype] as number))
    throw new CorruptEntryError(
      `payload of ${bytes.length} bytes does not fit ${datatype} × ${count}`,
    );
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return new VIEWS[datatype](copy);
}

/** Bounds-checked sequential reads; every overrun is a CorruptEntryError, never a RangeError. */
class Reader {
  private o = 0;

  constructor(private readonly b: Buffer) {}

  private need(n: number): void {
    if (this.o + n > this.b.length) throw new CorruptEntryError('entry is truncated');
  }

  u8(): number {
    this.need(1);
    return this.b.readUInt8(this.o++);
  }

  u16(): number {
    this.need(2);
    const v = this.b.readUInt16LE(this.o);
    this.o += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.b.readUInt32LE(this.o);
    this.o += 4;
    return v;
  }

  /** A dimension or length: a non-negative integer stored as f64. */
  dim(): number {
    this.need(8);
    const v = this.b.readDoubleLE(this.o);
    this.o += 8;
    if (!Number.isSafeInteger(v) || v < 0) throw new CorruptEntryError(`bad size ${v}`);
    return v;
  }

  take(n: number): Buffer {
    this.need(n);
    const slice = this.b.subarray(this.o, this.o + n);
    this.o += n;
    return slice;
  }

  done(): boolean {
    return this.o === this.b.length;
  }
}
