import { AttrType, ElemType, ModelProto } from './onnx-proto';

/** A dimension: a fixed size, or a name for a size the caller chooses (the batch). */
type Dim = number | string;

interface Attribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
}

export type AttrValue =
  number | string | number[] | string[] | { float: number } | { floats: number[] };

/** Small, explicit ONNX graph builder: enough for the example and fixture models. */
export class GraphBuilder {
  private readonly nodes: object[] = [];
  private readonly initializers: object[] = [];
  private readonly inputs: object[] = [];
  private readonly outputs: object[] = [];
  private readonly props: { key: string; value: string }[] = [];
  private readonly opsets = new Map<string, number>();

  /** `opset` is the default domain's version; 20 brings the string operators (StringConcat). */
  constructor(
    private readonly name: string,
    opset = 13,
  ) {
    this.opsets.set('', opset);
  }

  input(name: string, elemType: number, dims: Dim[]): this {
    this.inputs.push(valueInfo(name, elemType, dims));
    return this;
  }

  output(name: string, elemType: number, dims: Dim[]): this {
    this.outputs.push(valueInfo(name, elemType, dims));
    return this;
  }

  /** A float32 constant. */
  floats(name: string, dims: number[], values: ArrayLike<number>): this {
    const raw = Buffer.from(Float32Array.from(values).buffer);
    this.initializers.push({ name, dims, dataType: ElemType.FLOAT, rawData: raw });
    return this;
  }

  /** A float16 constant, given as binary16 bit patterns (half the bytes of float32). */
  halves(name: string, dims: number[], bits: Uint16Array): this {
    const raw = Buffer.from(bits.buffer, bits.byteOffset, bits.byteLength);
    this.initializers.push({ name, dims, dataType: ElemType.FLOAT16, rawData: raw });
    return this;
  }

  /** An int64 constant (axes, indices); values must be safe integers. */
  int64s(name: string, dims: number[], values: readonly number[]): this {
    this.initializers.push({ name, dims, dataType: ElemType.INT64, int64Data: values });
    return this;
  }

  /** A string constant, stored as UTF-8. */
  strings(name: string, dims: number[], values: readonly string[]): this {
    const data = values.map((v) => Buffer.from(v, 'utf8'));
    this.initializers.push({ name, dims, dataType: ElemType.STRING, stringData: data });
    return this;
  }

  /**
   * A constant whose bytes ONNX Runtime reads from a file (TensorProto external data): `location`
   * is resolved against the model's directory, and `length` bytes are read from its start.
   */
  external(name: string, elemType: number, dims: number[], location: string, length: number): this {
    this.initializers.push({
      name,
      dims,
      dataType: elemType,
      dataLocation: 1,
      externalData: [
        { key: 'location', value: location },
        { key: 'offset', value: '0' },
        { key: 'length', value: String(length) },
      ],
    });
    return this;
  }

  /** Free-form key/value pairs stored in the file (ModelProto.metadata_props). */
  metadata(key: string, value: string): this {
    this.props.push({ key, value });
    return this;
  }

  node(
    opType: string,
    inputs: string[],
    outputs: string[],
    attrs: Record<string, AttrValue> = {},
    domain = '',
  ): this {
    if (domain && !this.opsets.has(domain))
      this.opsets.set(domain, domain === 'ai.onnx.ml' ? 2 : 1);
    this.nodes.push({
      opType,
      input: inputs,
      output: outputs,
      name: `${opType}_${this.nodes.length}`,
      domain,
      attribute: Object.entries(attrs).map(([n, v]) => attribute(n, v)),
    });
    return this;
  }

  /** Serialized ModelProto bytes. */
  build(): Uint8Array {
    const model = {
      irVersion: 8,
      producerName: 'perch-tools',
      producerVersion: '1',
      opsetImport: [...this.opsets].map(([domain, version]) => ({ domain, version })),
      metadataProps: this.props,
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
    const err = ModelProto.verify(model);
    if (err) throw new Error(`invalid ModelProto: ${err}`);
    return ModelProto.encode(ModelProto.fromObject(model)).finish();
  }
}

function valueInfo(name: string, elemType: number, dims: Dim[]): object {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function attribute(name: string, v: AttrValue): Attribute {
  if (typeof v === 'number') return { name, type: AttrType.INT, i: v };
  if (typeof v === 'string') return { name, type: AttrType.STRING, s: Buffer.from(v) };
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) {
      return { name, type: AttrType.STRINGS, strings: (v as string[]).map((x) => Buffer.from(x)) };
    }
    return { name, type: AttrType.INTS, ints: v as number[] };
  }
  if ('float' in v) return { name, type: AttrType.FLOAT, f: v.float };
  return { name, type: AttrType.FLOATS, floats: v.floats };
}
