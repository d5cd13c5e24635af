import fc from 'fast-check';
import { InvalidInputError } from '../../../common/errors/serving.errors';
import { parseJsonBody } from '../../shared/json-body';
import { decodeLargeV2Request } from './v2-json-spans.codec';
import { decodeV2PlainRequest, PlainV2Request } from './v2-json.codec';

type Outcome = { ok: PlainV2Request } | { error: unknown };

function outcome(f: () => PlainV2Request): Outcome {
  try {
    return { ok: f() };
  } catch (error) {
    return { error };
  }
}

/** The large-body decoder must answer every body as the parse-everything decoder does. */
function expectSameAnswer(text: string): void {
  const body = Buffer.from(text);
  const reference = outcome(() => decodeV2PlainRequest(parseJsonBody(body)));
  const large = outcome(() => decodeLargeV2Request(body));
  if ('ok' in reference) {
    expect(large).toEqual(reference);
    return;
  }
  expect('error' in large && large.error).toBeInstanceOf(InvalidInputError);
  const expected = (reference.error as Error).message;
  const got = ((large as { error: Error }).error as Error).message;
  // A syntax error is reported from where each parser met it; every other fault word for word.
  if (expected.startsWith('malformed JSON')) expect(got).toMatch(/^(malformed JSON|invalid)/);
  else expect(got).toBe(expected);
}

describe('decodeLargeV2Request', () => {
  it('reads numeric data straight into typed arrays, the same values JSON.parse gives', () => {
    const text =
      '{"id":"r","inputs":[{"name":"a","shape":[2,3],"datatype":"FP32","data":[[5.1,-0,1e-7],[ 3.4028234663852886e38 , 0.1,-2.5E+3]]},' +
      '{"name":"b","shape":[4],"datatype":"FP64","data":[0.30000000000000004,123456789012345678,1e-320,-1.7976931348623157e308]},' +
      '{"name":"c","shape":[3],"datatype":"INT32","data":[-2147483648,2147483647,1.0]}],' +
      '"outputs":[{"name":"y","parameters":{"binary_data":true}}]}';
    expectSameAnswer(text);
    const decoded = decodeLargeV2Request(Buffer.from(text));
    expect(decoded.request.inputs.map((t) => t.data.constructor.name)).toEqual([
      'Float32Array',
      'Float64Array',
      'Int32Array',
    ]);
    expect(Object.is(decoded.request.inputs[0].data[1], -0)).toBe(true);
    expect(decoded.binaryOutputs).toEqual({ y: true });
  });

  it.each([
    [
      'a value out of range',
      '{"inputs":[{"name":"a","shape":[1],"datatype":"UINT8","data":[256]}]}',
    ],
    [
      'a fraction for an integer',
      '{"inputs":[{"name":"a","shape":[1],"datatype":"INT8","data":[1.5]}]}',
    ],
    ['too few elements', '{"inputs":[{"name":"a","shape":[3],"datatype":"FP32","data":[1,2]}]}'],
    ['too many elements', '{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1,2]}]}'],
    [
      'nesting deeper than the shape',
      '{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","data":[[1],[2]]}]}',
    ],
    [
      'a string among numbers',
      '{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","data":[1,"2"]}]}',
    ],
    [
      'an overflowing number',
      '{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1e39]}]}',
    ],
    ['BYTES', '{"inputs":[{"name":"a","shape":[2],"datatype":"BYTES","data":["x","y"]}]}'],
    ['BOOL', '{"inputs":[{"name":"a","shape":[2],"datatype":"BOOL","data":[true,false]}]}'],
    [
      'INT64 as strings',
      '{"inputs":[{"name":"a","shape":[2],"datatype":"INT64","data":["9007199254740993",1]}]}',
    ],
    [
      'an escaped data key',
      '{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","d\\u0061ta":[1]}]}',
    ],
    [
      'data given twice',
      '{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1],"data":[2]}]}',
    ],
    [
      'data that is not an array',
      '{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":1}]}',
    ],
    ['a trailing comma', '{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","data":[1,2,]}]}'],
    ['a leading zero', '{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[01]}]}'],
    [
      'a shape far larger than its data',
      '{"inputs":[{"name":"a","shape":[1000000000],"datatype":"FP32","data":[1]}]}',
    ],
    [
      'malformed text after the data',
      '{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1]}],}',
    ],
    ['an unknown key', '{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1]}],"x":1}'],
    ['no inputs', '{"id":"x"}'],
    ['a JSON array', '[1,2]'],
  ])('answers %s as the reference decoder does', (_, text) => expectSameAnswer(text));

  it('agrees with the reference decoder on random bodies, well formed or mangled', () => {
    const datatype = fc.constantFrom(
      'FP32',
      'FP64',
      'INT32',
      'INT8',
      'UINT8',
      'UINT32',
      'BOOL',
      'INT64',
    );
    const number = fc.oneof(
      fc.integer({ min: -300, max: 300 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(
        '-0',
        '1e2',
        '1E-2',
        '0.10',
        '2.5e+3',
        '1e400',
        '123456789012345678901',
        'true',
        '"3"',
      ),
    );
    const format = (v: number | string): string => (typeof v === 'string' ? v : JSON.stringify(v));
    const input = fc
      .record({
        datatype,
        rows: fc.integer({ min: 0, max: 3 }),
        cols: fc.integer({ min: 1, max: 3 }),
        values: fc.array(number, { maxLength: 10 }),
        nested: fc.boolean(),
        space: fc.constantFrom('', ' ', '\n '),
      })
      .map(({ datatype, rows, cols, values, nested, space }) => {
        const items = values.map(format);
        const data = nested
          ? `[${Array.from({ length: Math.ceil(items.length / cols) }, (_, r) => `[${items.slice(r * cols, r * cols + cols).join(`,${space}`)}]`).join(',')}]`
          : `[${space}${items.join(`,${space}`)}${space}]`;
        return `{"name":"i","shape":[${rows},${cols}],"datatype":"${datatype}","data":${data}}`;
      });
    const body = fc
      .tuple(fc.array(input, { minLength: 1, maxLength: 3 }), fc.boolean())
      .map(
        ([inputs, outputs]) =>
          `{"inputs":[${inputs.join(',')}]${outputs ? ',"outputs":[{"name":"o"}]' : ''}}`,
      );
    const mangled = fc
      .tuple(body, fc.nat(), fc.constantFrom('', '[', ']', ',', '"', '{', '-', '.', 'e', ' '))
      .map(([text, at, ch]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + ch + text.slice(i + 1);
      });
    fc.assert(
      fc.property(fc.oneof(body, mangled), (text) => expectSameAnswer(text)),
      { numRuns: 3000, seed: 72026 },
    );
  });
});
