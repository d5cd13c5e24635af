import { ModelProto } from '../models/onnx-proto';

interface Attribute {
  name: string;
  ints?: (number | { toNumber(): number })[];
  strings?: Uint8Array[];
}

interface DecodedModel {
  metadataProps?: { key: string; value: string }[];
  graph: {
    node: { opType: string; output: string[]; attribute: Attribute[] }[];
    initializer: { name: string; rawData?: Uint8Array }[];
  };
}

/** What the specs read back from a langid model file, without running it. */
export interface LangidFileFacts {
  readonly metadata: ReadonlyMap<string, string>;
  /** The float32 abstain threshold the graph compares with. */
  readonly threshold: number;
  /** keys_int64s and values_strings of the LabelEncoder that writes `label`. */
  readonly labelKeys: readonly number[];
  readonly labelValues: readonly string[];
}

export function inspectLangid(onnx: Uint8Array): LangidFileFacts {
  const model = ModelProto.toObject(ModelProto.decode(onnx)) as DecodedModel;
  const threshold = model.graph.initializer.find((t) => t.name === 'threshold');
  const raw = threshold?.rawData;
  if (!raw) throw new Error('the model has no threshold initializer');
  const node = model.graph.node.find((n) => n.opType === 'LabelEncoder' && n.output[0] === 'label');
  const attr = (name: string): Attribute | undefined =>
    node?.attribute.find((a) => a.name === name);
  return {
    metadata: new Map((model.metadataProps ?? []).map((p) => [p.key, p.value])),
    threshold: Buffer.from(raw).readFloatLE(0),
    labelKeys: (attr('keys_int64s')?.ints ?? []).map(Number),
    labelValues: (attr('values_strings')?.strings ?? []).map((s) =>
      Buffer.from(s).toString('utf8'),
    ),
  };
}
