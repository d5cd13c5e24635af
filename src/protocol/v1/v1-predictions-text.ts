import { DataType } from '../../common/tensor/datatype';
import { fromHalfBits } from '../../common/tensor/fp16';
import { Tensor, TensorData } from '../../common/tensor/tensor';

/** V1 answers of this many elements or more are written by writeV1PredictionsJson, in slices. */
export const SLICED_ANSWER_ELEMENTS = 32 * 1024;

/** Rows written between two turns of the event loop by writeV1PredictionsJson: a few ms of work. */
const ROWS_PER_SLICE = 4096;

/**
 * `{"predictions": …}` written as text straight from the output tensors: byte for byte what
 * JSON.stringify makes of encodeV1Predictions (v1-json.codec.ts; the spec holds the two equal),
 * without building a JS value per element first, so a V1 answer of millions of rows costs its
 * text and nothing more.
 */
export function encodeV1PredictionsJson(
  outputs: readonly (readonly Tensor[])[],
  batched: boolean,
  bare = false,
): Buffer {
  const writer = predictionsWriter(outputs, batched, bare);
  for (;;) {
    const step = writer.next();
    if (step.done) return step.value;
  }
}

/**
 * The same text written in slices of ROWS_PER_SLICE rows, the event loop free between them
 * (setImmediate lets pending I/O run first): a large answer does not stall other requests and the
 * probes while it is written.
 */
export async function writeV1PredictionsJson(
  outputs: readonly (readonly Tensor[])[],
  batched: boolean,
  bare = false,
): Promise<Buffer> {
  const writer = predictionsWriter(outputs, batched, bare);
  for (;;) {
    const step = writer.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Writes the answer, yielding after every ROWS_PER_SLICE rows; returns the text. `bare`: the list
 * of predictions alone, as /predict answers a bare list of instances.
 */
function* predictionsWriter(
  outputs: readonly (readonly Tensor[])[],
  batched: boolean,
  bare: boolean,
): Generator<void, Buffer> {
  const sink = new TextSink();
  sink.write(bare ? '[' : '{"predictions":[');
  let written = 0;
  for (const tensors of outputs) {
    const rows = batched ? (tensors[0]?.shape[0] ?? 0) : tensors.length > 0 ? 1 : 0;
    const columns = keyOrder(tensors).map((t, i) => {
      const rowShape = batched ? t.shape.slice(1) : t.shape;
      return {
        key: `${i === 0 ? '' : ','}${JSON.stringify(t.name)}:`,
        element: elementWriter(t.datatype, t.data),
        rowShape,
        size: rowShape.reduce((n, d) => n * d, 1),
      };
    });
    const keyed = tensors.length > 1;
    for (let r = 0; r < rows; r++) {
      if (written > 0) sink.write(',');
      if (++written % ROWS_PER_SLICE === 0) yield;
      if (keyed) sink.write('{');
      for (const c of columns) {
        if (keyed) sink.write(c.key);
        writeNested(sink, c.element, c.rowShape, 0, r * c.size);
      }
      if (keyed) sink.write('}');
    }
  }
  sink.write(bare ? ']' : ']}');
  return yield* sink.finish();
}

/**
 * The tensors in the order a JS object keyed by their names lists them: names that are array
 * indices ("0", "1", …) first, ascending, then the rest as given.
 */
function keyOrder(tensors: readonly Tensor[]): Tensor[] {
  const index = (name: string): number | undefined => {
    const n = Number(name);
    return Number.isInteger(n) && n >= 0 && n < 2 ** 32 - 1 && String(n) === name ? n : undefined;
  };
  const indexed = tensors.filter((t) => index(t.name) !== undefined);
  indexed.sort((a, b) => (index(a.name) as number) - (index(b.name) as number));
  return [...indexed, ...tensors.filter((t) => index(t.name) === undefined)];
}

/** Writes the row-major block at `offset` nested as `shape`, from dimension `dim` on. */
function writeNested(
  sink: TextSink,
  element: (i: number) => string,
  shape: readonly number[],
  dim: number,
  offset: number,
): void {
  if (dim === shape.length) {
    sink.write(element(offset));
    return;
  }
  const inner = shape.slice(dim + 1).reduce((n, d) => n * d, 1);
  sink.write('[');
  for (let i = 0; i < shape[dim]; i++) {
    if (i > 0) sink.write(',');
    writeNested(sink, element, shape, dim + 1, offset + i * inner);
  }
  sink.write(']');
}

/** One element's JSON text, as toJsonValues (json-data.codec.ts) then JSON.stringify write it. */
function elementWriter(datatype: DataType, data: TensorData): (i: number) => string {
  if (Array.isArray(data)) return (i) => JSON.stringify(data[i]);
  if (datatype === 'BOOL') return (i) => (data[i] !== 0 ? 'true' : 'false');
  if (datatype === 'FP16') return (i) => number(fromHalfBits(data[i] as number));
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    return (i) => {
      const v = data[i];
      return v >= -(2n ** 53n) && v <= 2n ** 53n ? String(Number(v)) : `"${v}"`;
    };
  }
  const numbers = data as Float64Array;
  return (i) => number(numbers[i]);
}

/** JSON.stringify of a number: non-finite values are null, -0 is 0. */
function number(v: number | undefined): string {
  if (v === undefined) return 'null';
  return Number.isFinite(v) ? String(v) : 'null';
}

/** Parts (about 64 KiB each) copied into the answer between two turns of the event loop. */
const PARTS_PER_COPY_SLICE = 64;

/** Text gathered in strings of about 64 KiB, each turned into bytes once. */
class TextSink {
  private chunk = '';
  private readonly parts: Buffer[] = [];
  private bytes = 0;

  write(text: string): void {
    this.chunk += text;
    if (this.chunk.length >= 65536) this.flush();
  }

  /**
   * The whole text, in a buffer of its own (so it can be moved to another thread), copied a few
   * megabytes at a time: copying hundreds at once held the event loop for over a second.
   */
  *finish(): Generator<void, Buffer> {
    this.flush();
    const out = Buffer.allocUnsafeSlow(this.bytes);
    let at = 0;
    for (let i = 0; i < this.parts.length; i++) {
      at += this.parts[i].copy(out, at);
      if (i % PARTS_PER_COPY_SLICE === PARTS_PER_COPY_SLICE - 1) yield;
    }
    this.parts.length = 0;
    return out;
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    const part = Buffer.from(this.chunk);
    this.parts.push(part);
    this.bytes += part.length;
    this.chunk = '';
  }
}
