import { Tensor } from '../common/tensor/tensor';
import { cacheKey, CacheKeyParts, canonicalJson } from './cache-key';

const x = (data: Tensor['data'], shape = [1, 2], name = 'x'): Tensor => ({
  name,
  datatype: Array.isArray(data) ? 'BYTES' : 'FP32',
  shape,
  data,
});

const base: CacheKeyParts = {
  model: 'm',
  version: 1,
  fingerprint: 'f1',
  inputs: [x(new Float32Array([1, 2]))],
  outputs: [{ name: 'y', parameters: {} }],
};

const hashOf = (change: Partial<CacheKeyParts>): string => cacheKey({ ...base, ...change }).hash;

describe('cacheKey', () => {
  it('is a SHA-256 hex with the model and version beside it, and stable', () => {
    const key = cacheKey(base);
    expect(key).toEqual({ model: 'm', version: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(cacheKey({ ...base, inputs: [x(new Float32Array([1, 2]))] })).toEqual(key);
  });

  const differ: [string, Partial<CacheKeyParts>][] = [
    ['another model', { model: 'n' }],
    ['another version', { version: 2 }],
    ['another model file under the same version', { fingerprint: 'f2' }],
    ['another input value', { inputs: [x(new Float32Array([1, 3]))] }],
    ['-0 instead of 0 (different bytes)', { inputs: [x(new Float32Array([1, -0]))] }],
    ['another input name', { inputs: [x(new Float32Array([1, 2]), [1, 2], 'z')] }],
    ['another shape of the same bytes', { inputs: [x(new Float32Array([1, 2]), [2, 1])] }],
    [
      'another datatype of the same bytes',
      { inputs: [{ ...x(new Float32Array([1, 2])), datatype: 'INT32' }] },
    ],
    [
      'an extra input',
      { inputs: [x(new Float32Array([1, 2])), x(new Float32Array([0]), [1, 1], 'w')] },
    ],
    ['another requested output', { outputs: [{ name: 'z', parameters: {} }] }],
    [
      'outputs in another order',
      {
        outputs: [
          { name: 'z', parameters: {} },
          { name: 'y', parameters: {} },
        ],
      },
    ],
    ['an output parameter', { outputs: [{ name: 'y', parameters: { classification: 3 } }] }],
  ];
  it.each(differ)('differs for %s', (_case, change) => {
    expect(hashOf(change)).not.toBe(cacheKey(base).hash);
  });

  it('keeps BYTES element boundaries apart', () => {
    const a = hashOf({ inputs: [x(['ab', 'c'], [2])] });
    const b = hashOf({ inputs: [x(['a', 'bc'], [2])] });
    expect(a).not.toBe(b);
  });

  it('reads only the bytes a typed-array view covers', () => {
    const backing = new Float32Array([9, 1, 2, 9]);
    expect(hashOf({ inputs: [x(backing.subarray(1, 3))] })).toBe(cacheKey(base).hash);
  });

  it('ignores the order of output parameter keys', () => {
    const a = hashOf({ outputs: [{ name: 'y', parameters: { a: 1, b: { c: 2, d: 3 } } }] });
    const b = hashOf({ outputs: [{ name: 'y', parameters: { b: { d: 3, c: 2 }, a: 1 } }] });
    expect(a).toBe(b);
  });
});

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [{ d: 1, c: null }] }, '{"a":[{"c":null,"d":1}],"b":1}'],
    ['s', '"s"'],
    [true, 'true'],
    [undefined, 'null'],
  ])('%j → %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });
});
