import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelProto } from '../../tools/models/onnx-proto';
import { externalDataLocations } from './onnx-external-data';

/** A TensorProto whose data lies in `location`. */
const external = (location: string) => ({
  name: 'w',
  dims: [4],
  dataType: 1,
  dataLocation: 1,
  externalData: [
    { key: 'offset', value: '0' },
    { key: 'location', value: location },
  ],
});
const sparse = (location: string) => ({ values: external(location), indices: external('i.bin') });
const graphWith = (fields: object) => ({ name: 'g', ...fields });
const nodeWith = (attribute: object) => ({
  opType: 'If',
  attribute: [{ name: 'a', ...attribute }],
});
const encode = (model: object): Uint8Array =>
  ModelProto.encode(ModelProto.fromObject({ irVersion: 8, ...model })).finish();

/** One length-delimited field, written by hand where protobufjs refuses to. */
function field(n: number, bytes: Buffer): Buffer {
  const length: number[] = [];
  for (let v = bytes.length; ; v >>>= 7) {
    if (v < 0x80) {
      length.push(v);
      break;
    }
    length.push((v & 0x7f) | 0x80);
  }
  return Buffer.concat([Buffer.from([(n << 3) | 2, ...length]), bytes]);
}

describe('externalDataLocations', () => {
  it.each<[string, object, string[]]>([
    ['a graph initializer', { graph: graphWith({ initializer: [external('w.bin')] }) }, ['w.bin']],
    [
      'a sparse initializer (values and indices)',
      { graph: graphWith({ sparseInitializer: [sparse('v.bin')] }) },
      ['v.bin', 'i.bin'],
    ],
    [
      'a node attribute t',
      { graph: graphWith({ node: [nodeWith({ t: external('t.bin') })] }) },
      ['t.bin'],
    ],
    [
      'a node attribute tensors',
      { graph: graphWith({ node: [nodeWith({ tensors: [external('a'), external('b')] })] }) },
      ['a', 'b'],
    ],
    [
      'a node attribute sparse_tensor and sparse_tensors',
      {
        graph: graphWith({
          node: [nodeWith({ sparseTensor: sparse('s'), sparseTensors: [sparse('ss')] })],
        }),
      },
      ['s', 'i.bin', 'ss'],
    ],
    [
      'a subgraph g two levels down',
      {
        graph: graphWith({
          node: [
            nodeWith({
              g: graphWith({
                node: [nodeWith({ g: graphWith({ initializer: [external('../../.env')] }) })],
              }),
            }),
          ],
        }),
      },
      ['../../.env'],
    ],
    [
      'a subgraph in graphs',
      {
        graph: graphWith({
          node: [nodeWith({ graphs: [graphWith({ initializer: [external('/etc/passwd')] })] })],
        }),
      },
      ['/etc/passwd'],
    ],
    [
      'a function body and a function attribute default',
      {
        functions: [
          {
            name: 'f',
            node: [nodeWith({ t: external('fn.bin') })],
            attributeProto: [{ name: 'd', t: external('default.bin') }],
          },
        ],
      },
      ['fn.bin', 'default.bin'],
    ],
    [
      'a training graph',
      { trainingInfo: [{ algorithm: graphWith({ initializer: [external('train.bin')] }) }] },
      ['train.bin'],
    ],
    [
      'nothing external',
      { graph: graphWith({ initializer: [{ name: 'w', rawData: Buffer.alloc(8) }] }) },
      [],
    ],
  ])('finds the location in %s', (_where, model, expected) => {
    expect(externalDataLocations(encode(model)).sort()).toEqual([...expected].sort());
  });

  it('names a location once however many tensors share it', () => {
    const model = encode({
      graph: graphWith({ initializer: [external('w.bin'), external('w.bin')] }),
    });
    expect(externalDataLocations(model)).toEqual(['w.bin']);
  });

  it('finds none in the fixture models', () => {
    for (const name of ['simple', 'batched', 'identity_all']) {
      const file = join(
        __dirname,
        '..',
        '..',
        'test',
        'fixtures',
        'models',
        name,
        '1',
        'model.onnx',
      );
      expect(externalDataLocations(readFileSync(file))).toEqual([]);
    }
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['a length past the end', Uint8Array.from([0x3a, 0x05, 0x01]), /runs past the end/],
    ['a truncated varint', Uint8Array.from([0x08, 0xff]), /varint runs past/],
    ['a group (wire type 3)', Uint8Array.from([0x0b]), /wire type 3/],
    [
      'a location that is not UTF-8',
      // graph (7) { initializer (5) { external_data (13) { key (1) "location", value (2) 0xff } } }
      field(
        7,
        field(
          5,
          field(
            13,
            Buffer.concat([field(1, Buffer.from('location')), field(2, Buffer.from([0xff]))]),
          ),
        ),
      ),
      /not valid UTF-8/,
    ],
  ])('refuses %s', (_case, bytes, message) => {
    expect(() => externalDataLocations(bytes)).toThrow(message);
  });

  it('refuses nesting deeper than protobuf allows', () => {
    // graph (7) → node (1) → attribute (5) → g (6) → node → ..., 40 subgraphs deep
    let graph: Buffer = Buffer.alloc(0);
    for (let i = 0; i < 40; i++) graph = field(1, field(5, field(6, graph)));
    expect(() => externalDataLocations(field(7, graph))).toThrow(/nested deeper than 100/);
  });
});
