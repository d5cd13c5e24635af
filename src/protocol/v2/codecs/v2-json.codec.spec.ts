import { InvalidInputError } from '../../../common/errors/serving.errors';
import { decodeV2InferRequest } from './v2-json.codec';
import { encodeV2InferResponse } from './v2-response.codec';

const input = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'x',
  shape: [2],
  datatype: 'FP32',
  data: [1, 2],
  ...over,
});

describe('decodeV2InferRequest', () => {
  it('decodes inputs, requested outputs and the id, ignoring unknown parameters', () => {
    const decoded = decodeV2InferRequest({
      id: 'r1',
      parameters: { custom: true },
      inputs: [input({ parameters: { binary_data: false } })],
      outputs: [{ name: 'y', parameters: { anything: 1 } }],
    });
    expect(decoded.id).toBe('r1');
    expect(decoded.request.outputs).toEqual([{ name: 'y', parameters: { anything: 1 } }]);
    expect(decoded.request.inputs[0]).toEqual({
      name: 'x',
      datatype: 'FP32',
      shape: [2],
      data: Float32Array.from([1, 2]),
    });
  });

  const bad: [string, unknown, string][] = [
    ['a non-object body', [1], 'expected a JSON object'],
    ['no inputs', {}, 'inputs must be an array'],
    ['inputs not an array', { inputs: {} }, 'inputs must be an array'],
    [
      'a nameless input',
      { inputs: [input({ name: undefined })] },
      'inputs.0.name must be a string',
    ],
    ['an empty input name', { inputs: [input({ name: '' })] }, 'inputs.0.name must be longer'],
    [
      'an unknown datatype',
      { inputs: [input({ datatype: 'FLOAT' })] },
      'inputs.0.datatype must be one of',
    ],
    [
      'a negative dimension',
      { inputs: [input({ shape: [-1] })] },
      'inputs.0.shape must contain only sizes ≥ 0',
    ],
    [
      'a fractional dimension',
      { inputs: [input({ shape: [1.5] })] },
      'inputs.0.shape must contain only integers',
    ],
    [
      'a shape that is not an array',
      { inputs: [input({ shape: 2 })] },
      'inputs.0.shape must be an array',
    ],
    [
      'a rank above 32',
      { inputs: [input({ shape: new Array(33).fill(1) })] },
      'at most 32 dimensions',
    ],
    ['missing data', { inputs: [input({ data: undefined })] }, 'data is required'],
    ['a numeric id', { id: 7, inputs: [input()] }, 'id must be a string'],
    [
      'an unknown top-level field',
      { inputs: [input()], extra: 1 },
      'property extra should not exist',
    ],
    [
      'outputs without names',
      { inputs: [input()], outputs: [{}] },
      'outputs.0.name must be a string',
    ],
    [
      'parameters that are not an object',
      { inputs: [input()], parameters: 'x' },
      'parameters must be an object',
    ],
    [
      'a prototype key',
      { inputs: [input()], parameters: { constructor: 1 } },
      "key 'constructor' is not allowed",
    ],
    [
      'data that disagrees with the shape',
      { inputs: [input({ data: [1] })] },
      "input 'x': shape [2] holds 2 elements but data has 1",
    ],
  ];
  it.each(bad)('rejects %s', (_case, body, message) => {
    const run = () => decodeV2InferRequest(body);
    expect(run).toThrow(InvalidInputError);
    expect(run).toThrow(message);
  });
});

describe('decodeV2InferRequest: known parameters of the wrong type (Triton: "Unable to parse")', () => {
  const bin = { name: 'x', shape: [2], datatype: 'FP32' };
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'binary_data_output as a string on the request',
      { parameters: { binary_data_output: 'yes' }, inputs: [input()] },
      `Unable to parse 'binary_data_output' in the parameters of the request: expected a boolean, got "yes"`,
    ],
    [
      'binary_data_output as a number on the request',
      { parameters: { binary_data_output: 1 }, inputs: [input()] },
      `'binary_data_output' in the parameters of the request: expected a boolean, got 1`,
    ],
    [
      'binary_data as a string on an output',
      { inputs: [input()], outputs: [{ name: 'y', parameters: { binary_data: 'true' } }] },
      `Unable to parse 'binary_data' in the parameters of output 'y': expected a boolean, got "true"`,
    ],
    [
      'binary_data as null on an input',
      { inputs: [input({ parameters: { binary_data: null } })] },
      `'binary_data' in the parameters of input 'x': expected a boolean, got null`,
    ],
    [
      'binary_data_size as a string on an input',
      { inputs: [{ ...bin, parameters: { binary_data_size: '8' } }] },
      `Unable to parse 'binary_data_size' in the parameters of input 'x': expected an integer, got "8"`,
    ],
    [
      'binary_data_size as a fraction on an input',
      { inputs: [{ ...bin, parameters: { binary_data_size: 7.5 } }] },
      `'binary_data_size' in the parameters of input 'x': expected an integer, got 7.5`,
    ],
    [
      'binary_data_size as a boolean on the request',
      { parameters: { binary_data_size: true }, inputs: [input()] },
      `'binary_data_size' in the parameters of the request: expected an integer, got true`,
    ],
    [
      'classification as a string on an output',
      { inputs: [input()], outputs: [{ name: 'y', parameters: { classification: '3' } }] },
      `Unable to parse 'classification' in the parameters of output 'y': expected an integer, got "3"`,
    ],
    [
      'classification as a fraction on an output',
      { inputs: [input()], outputs: [{ name: 'y', parameters: { classification: 1.5 } }] },
      `'classification' in the parameters of output 'y': expected an integer, got 1.5`,
    ],
    [
      'classification as an object on an input',
      { inputs: [input({ parameters: { classification: { k: 3 } } })] },
      `'classification' in the parameters of input 'x': expected an integer, got {"k":3}`,
    ],
    [
      'classification as a string on the request',
      { parameters: { classification: 'top3' }, inputs: [input()] },
      `'classification' in the parameters of the request: expected an integer, got "top3"`,
    ],
  ];
  it.each(cases)('refuses %s with a 400 naming it', (_case, body, message) => {
    const run = () => decodeV2InferRequest(body);
    expect(run).toThrow(InvalidInputError);
    expect(run).toThrow(message);
  });

  it('takes "parameters": null as no parameters, on the request, inputs and outputs (fuzz found a 500)', () => {
    const decoded = decodeV2InferRequest({
      parameters: null,
      inputs: [input({ parameters: null })],
      outputs: [{ name: 'y', parameters: null }],
    });
    expect(decoded.binaryOutput('y')).toBe(false);
    expect(decoded.request.outputs).toEqual([{ name: 'y', parameters: {} }]);
  });

  it('accepts each one with its own type, and leaves unknown parameters alone', () => {
    const decoded = decodeV2InferRequest({
      parameters: { binary_data_output: false, custom: 'yes' },
      inputs: [input({ parameters: { binary_data: false } })],
      outputs: [{ name: 'y', parameters: { binary_data: true, classification: 2 } }],
    });
    expect(decoded.binaryOutput('y')).toBe(true);
    expect(decoded.request.outputs?.[0].parameters).toEqual({
      binary_data: true,
      classification: 2,
    });
  });
});

describe('encodeV2InferResponse', () => {
  it('writes the spec response with exact Content-Type and the id echoed', () => {
    const encoded = encodeV2InferResponse(
      {
        modelName: 'm',
        modelVersion: '3',
        outputs: [
          { name: 'y', datatype: 'INT64', shape: [1], data: BigInt64Array.from([2n ** 62n]) },
        ],
      },
      'abc',
    );
    expect(encoded.contentType).toBe('application/json');
    expect(encoded.body.toString()).toBe(
      '{"model_name":"m","model_version":"3","id":"abc","outputs":[{"name":"y","datatype":"INT64","shape":[1],"data":[4611686018427387904]}]}',
    );
  });

  it('leaves out the id when the request had none', () => {
    const encoded = encodeV2InferResponse(
      { modelName: 'm', modelVersion: '1', outputs: [] },
      undefined,
    );
    expect(JSON.parse(encoded.body.toString())).toEqual({
      model_name: 'm',
      model_version: '1',
      outputs: [],
    });
  });
});
