import { DataType, TensorData } from './datatypes';
import { fromTensorBytes, tensorBytes } from './binary-tensors';
import { JsonTensorData } from './types';

/** [datatype, data in, its wire bytes (little-endian), data out] — one row per datatype. */
const CASES: [DataType, TensorData | JsonTensorData, number[], unknown[]][] = [
  ['BOOL', [true, false], [1, 0], [1, 0]],
  ['UINT8', new Uint8Array([0, 255]), [0, 255], [0, 255]],
  ['UINT16', new Uint16Array([1, 0xfffe]), [1, 0, 0xfe, 0xff], [1, 0xfffe]],
  ['UINT32', [0x01020304], [4, 3, 2, 1], [0x01020304]],
  ['UINT64', new BigUint64Array([2n ** 64n - 1n]), new Array(8).fill(0xff), [2n ** 64n - 1n]],
  ['INT8', new Int8Array([-1, 127]), [0xff, 127], [-1, 127]],
  ['INT16', [-2], [0xfe, 0xff], [-2]],
  ['INT32', new Int32Array([-2147483648]), [0, 0, 0, 0x80], [-2147483648]],
  [
    'INT64',
    ['-9007199254740993'],
    [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xdf, 0xff],
    [-9007199254740993n],
  ],
  ['FP16', [1, -2, 65504], [0, 0x3c, 0, 0xc0, 0xff, 0x7b], [1, -2, 65504]],
  ['FP32', new Float32Array([1.5]), [0, 0, 0xc0, 0x3f], [1.5]],
  ['FP64', [0.1], [0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f], [0.1]],
  ['BYTES', ['hi', ''], [2, 0, 0, 0, 0x68, 0x69, 0, 0, 0, 0], ['hi', '']],
  ['BYTES', [new Uint8Array([0xe6, 0x85, 0xa2])], [3, 0, 0, 0, 0xe6, 0x85, 0xa2], ['慢']],
];

describe("binary tensor data (Triton's extension)", () => {
  it.each(CASES)('%s %p', (datatype, data, wire, back) => {
    const bytes = tensorBytes(datatype, data);
    expect([...bytes]).toEqual(wire);
    const decoded = fromTensorBytes(datatype, Uint8Array.from(wire), 'OUT');
    expect(Array.from(decoded as ArrayLike<unknown>)).toEqual(back);
  });

  it('decodes into the typed array of the datatype', () => {
    expect(fromTensorBytes('INT64', new Uint8Array(8), 'o')).toBeInstanceOf(BigInt64Array);
    expect(fromTensorBytes('FP16', new Uint8Array(2), 'o')).toBeInstanceOf(Float32Array);
    expect(fromTensorBytes('BOOL', new Uint8Array(1), 'o')).toBeInstanceOf(Uint8Array);
  });

  it.each([
    ['INT32', [1, 2, 3], "output 'o': 3 bytes are not whole INT32 elements"],
    ['BYTES', [5, 0, 0, 0, 1], "output 'o': a BYTES element runs past its tensor"],
    ['BYTES', [5, 0], "output 'o': a BYTES length prefix is cut short"],
  ] as const)('refuses %s bytes %p', (datatype, wire, message) => {
    expect(() => fromTensorBytes(datatype, Uint8Array.from(wire), 'o')).toThrow(message);
  });
});
