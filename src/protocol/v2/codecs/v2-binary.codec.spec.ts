import { DataType } from '../../../common/tensor/datatype';
import { TensorData } from '../../../common/tensor/tensor';
import { decodeBinaryTensor, encodeBinaryTensor, splitBinaryBody } from './v2-binary.codec';
import { decodeV2InferRequest } from './v2-json.codec';
import { decodeRawBinaryRequest } from './v2-raw.codec';
import { encodeV2InferResponse } from './v2-response.codec';

const le = (bytes: number[]) => Buffer.from(bytes);
const bytesElements = (...items: string[]) =>
  Buffer.concat(items.flatMap((s) => [le([Buffer.byteLength(s), 0, 0, 0]), Buffer.from(s)]));

describe('decodeBinaryTensor / encodeBinaryTensor', () => {
  const cases: [DataType, Buffer, TensorData][] = [
    ['BOOL', le([1, 0, 1]), Uint8Array.from([1, 0, 1])],
    ['UINT8', le([0, 255, 7]), Uint8Array.from([0, 255, 7])],
    ['INT8', le([0x80, 0x7f, 0xff]), Int8Array.from([-128, 127, -1])],
    ['UINT16', le([1, 0, 0, 1, 0xff, 0xff]), Uint16Array.from([1, 256, 65535])],
    ['INT16', le([0, 0x80, 1, 0, 0xff, 0xff]), Int16Array.from([-32768, 1, -1])],
    [
      'UINT32',
      Buffer.from(Uint32Array.from([1, 2, 4294967295]).buffer),
      Uint32Array.from([1, 2, 4294967295]),
    ],
    ['INT32', Buffer.from(Int32Array.from([-1, 0, 7]).buffer), Int32Array.from([-1, 0, 7])],
    [
      'UINT64',
      Buffer.from(BigUint64Array.from([1n, 2n ** 64n - 1n, 0n]).buffer),
      BigUint64Array.from([1n, 2n ** 64n - 1n, 0n]),
    ],
    [
      'INT64',
      Buffer.from(BigInt64Array.from([-(2n ** 63n), 0n, 5n]).buffer),
      BigInt64Array.from([-(2n ** 63n), 0n, 5n]),
    ],
    ['FP16', le([0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b]), Uint16Array.from([0x3c00, 0xc000, 0x7bff])],
    ['FP32', Buffer.from(Float32Array.from([0.5, -1, 3]).buffer), Float32Array.from([0.5, -1, 3])],
    [
      'FP64',
      Buffer.from(Float64Array.from([1e300, -0.25, 0]).buffer),
      Float64Array.from([1e300, -0.25, 0]),
    ],
    ['BYTES', bytesElements('', 'abc', '慢走。'), ['', 'abc', '慢走。']],
  ];
  it.each(cases)('round-trips %s', (datatype, bytes, data) => {
    const decoded = decodeBinaryTensor('x', datatype, [3], bytes);
    expect(decoded).toEqual(data);
    expect(encodeBinaryTensor(decoded).equals(bytes)).toBe(true);
  });

  it('copies into an aligned buffer, whatever the offset of the slice', () => {
    const body = Buffer.concat([le([9]), Buffer.from(Float32Array.from([1.5, 2.5]).buffer)]);
    expect(decodeBinaryTensor('x', 'FP32', [2], body.subarray(1))).toEqual(
      Float32Array.from([1.5, 2.5]),
    );
  });

  const bad: [string, DataType, number[], Buffer, string][] = [
    [
      'too few bytes',
      'FP32',
      [2],
      le([0, 0, 0, 0]),
      "input 'x': binary data is 4 bytes but shape [2] of FP32 needs 8",
    ],
    [
      'too many bytes',
      'INT8',
      [1],
      le([1, 2]),
      'binary data is 2 bytes but shape [1] of INT8 needs 1',
    ],
    ['a BOOL byte above 1', 'BOOL', [1], le([2]), 'BOOL elements must be bytes 0 or 1'],
    [
      'a truncated BYTES length',
      'BYTES',
      [1],
      le([1, 0]),
      'BYTES element 0 has a truncated length prefix',
    ],
    [
      'a BYTES length past the end',
      'BYTES',
      [1],
      le([9, 0, 0, 0, 65]),
      'BYTES element 0 declares 9 bytes but only 1 remain',
    ],
    [
      'too few BYTES elements',
      'BYTES',
      [2],
      bytesElements('a'),
      'holds 1 BYTES elements but the shape needs 2',
    ],
  ];
  it.each(bad)('rejects %s', (_case, datatype, shape, bytes, message) => {
    expect(() => decodeBinaryTensor("input 'x'", datatype, shape, bytes)).toThrow(message);
  });
});

describe('splitBinaryBody', () => {
  it('splits at the header length', () => {
    const { json, binary } = splitBinaryBody(Buffer.from('{}abc'), '2');
    expect([json.toString(), binary.toString()]).toEqual(['{}', 'abc']);
  });
  it.each(['-1', 'ten', '6', '1e3', ''])('rejects header length %p', (value) => {
    expect(() => splitBinaryBody(Buffer.from('{}abc'), value)).toThrow(
      'Inference-Header-Content-Length',
    );
  });
});

describe('decodeV2InferRequest with binary inputs', () => {
  const header = (inputs: object[], extra: object = {}) => ({ inputs, ...extra });
  const fp32 = Buffer.from(Float32Array.from([1, 2]).buffer);

  it('mixes JSON and binary inputs, taking binary sections in input order', () => {
    const decoded = decodeV2InferRequest(
      header([
        { name: 'a', shape: [2], datatype: 'FP32', parameters: { binary_data_size: 8 } },
        { name: 'b', shape: [1], datatype: 'INT32', data: [7] },
        { name: 'c', shape: [2], datatype: 'BYTES', parameters: { binary_data_size: 10 } },
      ]),
      Buffer.concat([fp32, bytesElements('x', 'y')]),
    );
    expect(decoded.request.inputs.map((t) => t.data)).toEqual([
      Float32Array.from([1, 2]),
      Int32Array.from([7]),
      ['x', 'y'],
    ]);
  });

  it('chooses binary outputs per output, overriding binary_data_output', () => {
    const decoded = decodeV2InferRequest(
      header([{ name: 'b', shape: [1], datatype: 'INT32', data: [7] }], {
        parameters: { binary_data_output: true },
        outputs: [{ name: 'p', parameters: { binary_data: false } }, { name: 'q' }],
      }),
    );
    expect([
      decoded.binaryOutput('p'),
      decoded.binaryOutput('q'),
      decoded.binaryOutput('r'),
    ]).toEqual([false, true, true]);
  });

  const bad: [string, object[], Buffer | undefined, string][] = [
    [
      'binary without the header',
      [{ name: 'a', shape: [2], datatype: 'FP32', parameters: { binary_data_size: 8 } }],
      undefined,
      'has no Inference-Header-Content-Length',
    ],
    [
      'a size past the end',
      [{ name: 'a', shape: [2], datatype: 'FP32', parameters: { binary_data_size: 12 } }],
      fp32,
      'binary_data_size 12 runs past the end of the binary data (8 bytes left)',
    ],
    [
      'bytes left over',
      [{ name: 'a', shape: [1], datatype: 'FP32', parameters: { binary_data_size: 4 } }],
      fp32,
      "the binary data is 8 bytes but the inputs' binary_data_size add up to 4",
    ],
    [
      'a size that disagrees with the shape',
      [{ name: 'a', shape: [1], datatype: 'FP32', parameters: { binary_data_size: 8 } }],
      fp32,
      'binary data is 8 bytes but shape [1] of FP32 needs 4',
    ],
    [
      'both data and a binary size',
      [
        {
          name: 'a',
          shape: [2],
          datatype: 'FP32',
          data: [1, 2],
          parameters: { binary_data_size: 8 },
        },
      ],
      fp32,
      'give data or parameters.binary_data_size, not both',
    ],
    [
      'a negative binary size',
      [{ name: 'a', shape: [2], datatype: 'FP32', parameters: { binary_data_size: -8 } }],
      fp32,
      'binary_data_size must be a non-negative integer',
    ],
  ];
  it.each(bad)('rejects %s', (_case, inputs, binary, message) => {
    expect(() => decodeV2InferRequest(header(inputs), binary)).toThrow(message);
  });
});

describe('decodeRawBinaryRequest', () => {
  const signature = (dims: number[], datatype: DataType = 'FP32', maxBatchSize = 0) => ({
    maxBatchSize,
    inputs: [{ name: 'x', datatype, dims }],
    outputs: [],
  });

  it('works out the one variable dimension from the byte size, batch 1', () => {
    const decoded = decodeRawBinaryRequest('m', signature([-1, 2], 'FP32', 8), Buffer.alloc(24));
    expect(decoded.request.inputs[0].shape).toEqual([1, 3, 2]);
    expect(decoded.binaryOutput('anything')).toBe(true);
  });

  it.each([
    ['two variable dimensions', signature([-1, -1]), Buffer.alloc(8), 'has 2 variable dimensions'],
    [
      'a partial row',
      signature([-1, 2]),
      Buffer.alloc(12),
      '12 bytes is not a whole number of 8-byte rows',
    ],
    [
      'a BYTES input of more than one element',
      signature([2], 'BYTES'),
      bytesElements('a', 'b'),
      'must have shape [1]',
    ],
    [
      'two inputs',
      {
        maxBatchSize: 0,
        inputs: [signature([1]).inputs[0], signature([1]).inputs[0]],
        outputs: [],
      },
      Buffer.alloc(4),
      'has 2 inputs',
    ],
  ])('rejects %s', (_case, sig, body, message) => {
    expect(() => decodeRawBinaryRequest('m', sig, body)).toThrow(message);
  });
});

describe('encodeV2InferResponse with binary outputs', () => {
  it('writes the JSON header, then the raw outputs, and says where the header ends', () => {
    const encoded = encodeV2InferResponse(
      {
        modelName: 'm',
        modelVersion: '1',
        outputs: [
          { name: 'j', datatype: 'INT32', shape: [1], data: Int32Array.from([5]) },
          { name: 'b', datatype: 'FP32', shape: [2], data: Float32Array.from([1, 2]) },
        ],
      },
      undefined,
      (name) => name === 'b',
    );
    const length = Number(encoded.headers['Inference-Header-Content-Length']);
    expect(encoded.contentType).toBe('application/octet-stream');
    expect(JSON.parse(encoded.body.subarray(0, length).toString())).toEqual({
      model_name: 'm',
      model_version: '1',
      outputs: [
        { name: 'j', datatype: 'INT32', shape: [1], data: [5] },
        { name: 'b', datatype: 'FP32', shape: [2], parameters: { binary_data_size: 8 } },
      ],
    });
    expect(
      encoded.body.subarray(length).equals(Buffer.from(Float32Array.from([1, 2]).buffer)),
    ).toBe(true);
  });
});
