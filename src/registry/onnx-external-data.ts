/**
 * The messages of onnx.proto that can hold a TensorProto, and for each the fields leading to one
 * (field numbers from github.com/onnx/onnx, onnx/onnx.proto). Every other field is skipped.
 */
type Message =
  'model' | 'training' | 'function' | 'graph' | 'node' | 'attribute' | 'sparse' | 'tensor';

const FIELDS: Readonly<Record<Message, Readonly<Record<number, Message | 'entry'>>>> = {
  // graph, training_info, functions
  model: { 7: 'graph', 20: 'training', 25: 'function' },
  // initialization, algorithm
  training: { 1: 'graph', 2: 'graph' },
  // node, attribute_proto (attribute defaults)
  function: { 7: 'node', 11: 'attribute' },
  // node, initializer, sparse_initializer
  graph: { 1: 'node', 5: 'tensor', 15: 'sparse' },
  // attribute
  node: { 5: 'attribute' },
  // t, g, tensors, graphs, sparse_tensor, sparse_tensors
  attribute: { 5: 'tensor', 6: 'graph', 10: 'tensor', 11: 'graph', 22: 'sparse', 23: 'sparse' },
  // values, indices
  sparse: { 1: 'tensor', 2: 'tensor' },
  // external_data (StringStringEntryProto)
  tensor: { 13: 'entry' },
};

/** Protobuf's own default recursion limit: a file nested deeper does not parse anyway. */
const MAX_DEPTH = 100;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Every external-data `location` a serialized ModelProto names, wherever a TensorProto can sit:
 * graph initializers and sparse initializers, node attributes (`t`, `tensors`, `sparse_tensor`,
 * `sparse_tensors`), subgraphs (`g`, `graphs`) at any depth, model-local functions and training
 * graphs. ONNX Runtime opens these files itself when it loads the model, so the registry must see
 * them first. Reads the protobuf wire format directly and skips every other field by its length
 * (weights are never copied). Throws when the bytes are not a well-formed message.
 */
export function externalDataLocations(model: Uint8Array): string[] {
  const found = new Set<string>();
  walk(new Wire(model, 0, model.length), 'model', 0, found);
  return [...found];
}

function walk(wire: Wire, message: Message, depth: number, found: Set<string>): void {
  if (depth > MAX_DEPTH) throw new Error(`messages are nested deeper than ${MAX_DEPTH} levels`);
  const fields = FIELDS[message];
  while (!wire.done()) {
    const { field, type } = wire.key();
    const holds = fields[field];
    if (type !== LENGTH_DELIMITED || holds === undefined) {
      wire.skip(type);
      continue;
    }
    const inner = wire.sub();
    if (holds === 'entry') {
      const location = locationOf(inner);
      if (location !== undefined) found.add(location);
    } else {
      walk(inner, holds, depth + 1, found);
    }
  }
}

/** The value of a StringStringEntryProto whose key is `location`. */
function locationOf(wire: Wire): string | undefined {
  let key: string | undefined;
  let value = '';
  while (!wire.done()) {
    const { field, type } = wire.key();
    if (type === LENGTH_DELIMITED && (field === 1 || field === 2)) {
      const text = wire.text();
      if (field === 1) key = text;
      else value = text;
    } else {
      wire.skip(type);
    }
  }
  return key === 'location' ? value : undefined;
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** A cursor over one message's bytes: [at, end) of `bytes`. */
class Wire {
  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
    private readonly end: number,
  ) {}

  done(): boolean {
    return this.at >= this.end;
  }

  key(): { field: number; type: number } {
    const key = this.varint();
    return { field: Math.floor(key / 8), type: key % 8 };
  }

  /** The next length-delimited field as a cursor of its own. */
  sub(): Wire {
    const length = this.varint();
    if (length > this.end - this.at) throw new Error('a field runs past the end of its message');
    const inner = new Wire(this.bytes, this.at, this.at + length);
    this.at += length;
    return inner;
  }

  text(): string {
    const { bytes, at, end } = this.sub();
    try {
      return utf8.decode(bytes.subarray(at, end));
    } catch {
      throw new Error('a string field is not valid UTF-8');
    }
  }

  skip(type: number): void {
    if (type === VARINT) this.varint();
    else if (type === LENGTH_DELIMITED) this.sub();
    else if (type === FIXED64) this.advance(8);
    else if (type === FIXED32) this.advance(4);
    else throw new Error(`wire type ${type} is not used by ONNX`);
  }

  private advance(n: number): void {
    if (n > this.end - this.at) throw new Error('a field runs past the end of its message');
    this.at += n;
  }

  /** A varint as a number; exact up to 2^53, which covers every key and length that fits in memory. */
  private varint(): number {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.at >= this.end) throw new Error('a varint runs past the end of its message');
      const byte = this.bytes[this.at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new Error('a varint is longer than 10 bytes');
  }
}
