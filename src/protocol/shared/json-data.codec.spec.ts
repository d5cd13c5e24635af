import { DataType } from '../../common/tensor/datatype';
import { TensorData } from '../../common/tensor/tensor';
import { InvalidInputError } from '../../common/errors/serving.errors';
import { decodeJsonData, encodeJsonData, toJsonValues } from './json-data.codec';

describe('decodeJsonData', () => {
  const ok: [DataType, unknown[], unknown[]][] = [
    ['BOOL', [true, false], [1, 0]],
    ['UINT8', [0, 255], [0, 255]],
    ['UINT16', [0, 65535], [0, 65535]],
    ['UINT32', [0, 4294967295], [0, 4294967295]],
    ['UINT64', [0, '18446744073709551615'], [0n, 18446744073709551615n]],
    ['INT8', [-128, 127], [-128, 127]],
    ['INT16', [-32768, 32767], [-32768, 32767]],
    ['INT32', [-2147483648, 2147483647], [-2147483648, 2147483647]],
    [
      'INT64',
      [-9007199254740991, '-9223372036854775808'],
      [-9007199254740991n, -9223372036854775808n],
    ],
    ['FP16', [1.5, -65504], [0x3e00, 0xfbff]],
    ['FP32', [0.5, -2], [0.5, -2]],
    ['FP64', [1e300, -0.25], [1e300, -0.25]],
    ['BYTES', ['a', '慢走。'], ['a', '慢走。']],
  ];
  it.each(ok)('decodes %s', (datatype, data, expected) => {
    expect(Array.from(decodeJsonData('input', datatype, [2], data) as ArrayLike<unknown>)).toEqual(
      expected,
    );
  });

  const bad: [string, DataType, number[], unknown, string][] = [
    ['not an array', 'FP32', [1], 1, 'data must be a JSON array'],
    ['too few elements', 'FP32', [2, 2], [1, 2, 3], 'shape [2,2] holds 4 elements but data has 3'],
    ['too many elements', 'INT32', [1], [1, 2], 'holds 1 elements but data has 2'],
    ['nested deeper than shape', 'INT32', [2], [[1], [2]], 'nested deeper'],
    ['bool as number', 'BOOL', [1], [1], 'element 0 is 1, expected true or false'],
    ['string for number', 'FP32', [1], ['1'], 'element 0 is "1"'],
    ['fraction for int', 'INT32', [1], [1.5], 'expected an integer in [-2147483648, 2147483647]'],
    ['uint8 overflow', 'UINT8', [2], [1, 256], 'element 1 is 256'],
    ['negative unsigned', 'UINT32', [1], [-1], 'element 0 is -1'],
    ['int64 beyond range', 'INT64', [1], ['9223372036854775808'], 'expected an INT64 integer'],
    ['int64 unsafe number', 'INT64', [1], [2 ** 60], 'expected an INT64 integer'],
    ['fp16 overflow', 'FP16', [1], [70000], 'within ±65504'],
    ['fp32 overflow', 'FP32', [1], [1e39], 'within FP32 range'],
    ['null element', 'FP64', [1], [null], 'element 0 is null'],
    [
      '1e400, which JSON.parse makes Infinity',
      'FP64',
      [1],
      JSON.parse('[1e400]'),
      'element 0 is Infinity',
    ],
    ['-1e400', 'INT32', [1], JSON.parse('[-1e400]'), 'element 0 is -Infinity'],
    ['number for bytes', 'BYTES', [1], [1], 'expected a string'],
  ];
  it.each(bad)('rejects %s', (_case, datatype, shape, data, message) => {
    const run = () => decodeJsonData("input 'x'", datatype, shape, data);
    expect(run).toThrow(InvalidInputError);
    expect(run).toThrow(message);
  });

  it('flattens nested row-major data', () => {
    const data = decodeJsonData(
      'input',
      'INT32',
      [2, 2, 2],
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
    );
    expect(Array.from(data as Int32Array)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('accepts [x] for a scalar shape []', () => {
    expect(Array.from(decodeJsonData('input', 'FP32', [], [3]) as Float32Array)).toEqual([3]);
  });
});

describe('encodeJsonData', () => {
  const cases: [DataType, TensorData, string][] = [
    ['BOOL', Uint8Array.from([1, 0]), '[true,false]'],
    ['FP32', Float32Array.from([0.5, NaN, Infinity]), '[0.5,null,null]'],
    ['BYTES', ['a', 'b"c'], '["a","b\\"c"]'],
  ];
  it.each(cases)('writes %s', (datatype, data, json) => {
    expect(encodeJsonData(datatype, data)).toBe(json);
  });

  it('writes 64-bit integers with every digit', () => {
    expect(encodeJsonData('UINT64', BigUint64Array.from([18446744073709551615n]))).toBe(
      '[18446744073709551615]',
    );
  });

  it('writes FP16 bits as numbers', () => {
    expect(encodeJsonData('FP16', Uint16Array.from([0x3e00]))).toBe('[1.5]');
  });

  it('round-trips through decode for every numeric type', () => {
    for (const datatype of ['UINT8', 'INT16', 'INT32', 'FP32', 'FP64'] as DataType[]) {
      const data = decodeJsonData('x', datatype, [3], [1, 2, 3]);
      expect(JSON.parse(encodeJsonData(datatype, data))).toEqual([1, 2, 3]);
    }
  });
});

describe('toJsonValues', () => {
  it('keeps safe 64-bit integers as numbers and writes larger ones as strings', () => {
    expect(toJsonValues('INT64', BigInt64Array.from([5n, 2n ** 60n]))).toEqual([
      5,
      '1152921504606846976',
    ]);
  });
});
