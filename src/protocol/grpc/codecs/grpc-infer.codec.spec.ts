import { InvalidInputError } from '../../../common/errors/serving.errors';
import { DataType } from '../../../common/tensor/datatype';
import { toHalfBits } from '../../../common/tensor/fp16';
import { TensorData } from '../../../common/tensor/tensor';
import { encodeBinaryTensor } from '../../v2/codecs/v2-binary.codec';
import { INFERENCE_SERVICE, loadMethods } from '../grpc-definitions';
import { decodeModelInferRequest, encodeModelInferResponse } from './grpc-infer.codec';
import { ModelInferRequestMessage, ModelInferResponseMessage } from './grpc-messages';

// Messages go through the real .proto (as a client serializes them, as the server reads them).
const infer = loadMethods().get(`/${INFERENCE_SERVICE}/ModelInfer`)!;
const wire = (request: object): ModelInferRequestMessage =>
  infer.requestDeserialize(infer.requestSerialize(request)) as ModelInferRequestMessage;
const answer = (response: ModelInferResponseMessage): ModelInferResponseMessage =>
  infer.responseDeserialize(infer.responseSerialize(response)) as ModelInferResponseMessage;

/** Three elements of every datatype: the typed contents a client sends, and the storage they decode to. */
const CASES: [DataType, string | undefined, unknown[], TensorData][] = [
  ['BOOL', 'bool_contents', [true, false, true], Uint8Array.from([1, 0, 1])],
  ['UINT8', 'uint_contents', [0, 128, 255], Uint8Array.from([0, 128, 255])],
  ['UINT16', 'uint_contents', [0, 1000, 65535], Uint16Array.from([0, 1000, 65535])],
  ['UINT32', 'uint_contents', [0, 70000, 4294967295], Uint32Array.from([0, 70000, 4294967295])],
  [
    'UINT64',
    'uint64_contents',
    ['0', '1', '18446744073709551615'],
    BigUint64Array.from([0n, 1n, 2n ** 64n - 1n]),
  ],
  ['INT8', 'int_contents', [-128, 0, 127], Int8Array.from([-128, 0, 127])],
  ['INT16', 'int_contents', [-32768, 0, 32767], Int16Array.from([-32768, 0, 32767])],
  [
    'INT32',
    'int_contents',
    [-2147483648, 0, 2147483647],
    Int32Array.from([-2147483648, 0, 2147483647]),
  ],
  [
    'INT64',
    'int64_contents',
    ['-9223372036854775808', '0', '9223372036854775807'],
    BigInt64Array.from([-(2n ** 63n), 0n, 2n ** 63n - 1n]),
  ],
  ['FP16', undefined, [], Uint16Array.from([0.5, -2, 65504].map(toHalfBits))],
  ['FP32', 'fp32_contents', [0.25, -1.5, 3.4e38], Float32Array.from([0.25, -1.5, 3.4e38])],
  ['FP64', 'fp64_contents', [1e-300, -0.1, 1e300], Float64Array.from([1e-300, -0.1, 1e300])],
  [
    'BYTES',
    'bytes_contents',
    ['', 'ascii', 'ünïcödé 慢走。'].map((s) => Buffer.from(s)),
    ['', 'ascii', 'ünïcödé 慢走。'],
  ],
];

const input = (datatype: DataType, over: object = {}) => ({
  name: `IN_${datatype}`,
  datatype,
  shape: [3],
  ...over,
});

describe('decodeModelInferRequest', () => {
  it.each(CASES.filter(([, field]) => field !== undefined))(
    'reads %s from typed contents.%s',
    (datatype, field, contents, expected) => {
      const decoded = decodeModelInferRequest(
        wire({
          model_name: 'm',
          inputs: [input(datatype, { contents: { [field as string]: contents } })],
        }),
      );
      expect(decoded.raw).toBe(false);
      expect(decoded.request.inputs[0]).toEqual({
        name: `IN_${datatype}`,
        datatype,
        shape: [3],
        data: expected,
      });
    },
  );

  it.each(CASES)('reads %s from raw_input_contents', (datatype, _field, _contents, expected) => {
    const decoded = decodeModelInferRequest(
      wire({
        model_name: 'm',
        inputs: [input(datatype)],
        raw_input_contents: [encodeBinaryTensor(expected)],
      }),
    );
    expect(decoded.raw).toBe(true);
    expect(decoded.request.inputs[0].data).toEqual(expected);
  });

  it('reads the model, version, id, parameters and requested outputs', () => {
    const decoded = decodeModelInferRequest(
      wire({
        model_name: 'm',
        model_version: '2',
        id: 'r-1',
        parameters: { cache: { bool_param: false }, custom: { string_param: 'x' } },
        inputs: [input('INT32', { contents: { int_contents: [1, 2, 3] } })],
        outputs: [{ name: 'OUT', parameters: { classification: { int64_param: 2 } } }],
      }),
    );
    expect(decoded).toMatchObject({ model: 'm', version: '2', id: 'r-1' });
    expect(decoded.request.parameters).toEqual({ cache: false, custom: 'x' });
    expect(decoded.request.outputs).toEqual([{ name: 'OUT', parameters: { classification: 2 } }]);
  });

  it('leaves the version to the data plane when it is empty', () => {
    const decoded = decodeModelInferRequest(wire({ model_name: 'm', inputs: [] }));
    expect(decoded.version).toBeUndefined();
    expect(decoded.request.outputs).toBeUndefined();
  });

  const int32 = (over: object = {}) =>
    input('INT32', { contents: { int_contents: [1, 2, 3] }, ...over });
  const bad: [string, object, string][] = [
    ['no model name', { inputs: [int32()] }, 'model_name is required'],
    [
      'FP16 in typed contents',
      { model_name: 'm', inputs: [input('FP16', { contents: { fp32_contents: [1, 2, 3] } })] },
      "input 'IN_FP16': FP16 data must be sent in raw_input_contents (InferTensorContents has no FP16 field)",
    ],
    [
      'contents in another datatype’s field',
      { model_name: 'm', inputs: [input('INT32', { contents: { fp32_contents: [1, 2, 3] } })] },
      "input 'IN_INT32': INT32 data must be in contents.int_contents, not contents.fp32_contents",
    ],
    [
      'a value out of its datatype’s range',
      { model_name: 'm', inputs: [input('INT8', { contents: { int_contents: [1, 300, 3] } })] },
      "input 'IN_INT8' (INT8): element 1 is 300, expected an integer in [-128, 127]",
    ],
    [
      'fewer elements than the shape',
      { model_name: 'm', inputs: [input('INT32', { contents: { int_contents: [1] } })] },
      "input 'IN_INT32': shape [3] holds 3 elements but data has 1",
    ],
    [
      'an input without data',
      { model_name: 'm', inputs: [input('INT32')] },
      "input 'IN_INT32' of model 'm' has no data: give contents or raw_input_contents",
    ],
    [
      'contents beside raw_input_contents',
      { model_name: 'm', inputs: [int32()], raw_input_contents: [Buffer.alloc(12)] },
      "input 'IN_INT32' of model 'm': contents must not be given when the request uses raw_input_contents",
    ],
    [
      'fewer raw contents than inputs',
      {
        model_name: 'm',
        inputs: [input('INT32'), input('INT32', { name: 'B' })],
        raw_input_contents: [Buffer.alloc(12)],
      },
      'the request has 1 raw_input_contents for 2 inputs',
    ],
    [
      'raw bytes that disagree with the shape',
      { model_name: 'm', inputs: [input('INT32')], raw_input_contents: [Buffer.alloc(8)] },
      "input 'IN_INT32': binary data is 8 bytes but shape [3] of INT32 needs 12",
    ],
    [
      'a raw BYTES length prefix past the end',
      {
        model_name: 'm',
        inputs: [input('BYTES', { shape: [1] })],
        raw_input_contents: [Buffer.from([9, 0, 0, 0, 1])],
      },
      "input 'IN_BYTES': BYTES element 0 declares 9 bytes but only 1 remain",
    ],
    [
      'a nameless input',
      { model_name: 'm', inputs: [int32({ name: '' })] },
      'inputs.0.name must be a non-empty string',
    ],
    [
      'an unknown datatype',
      { model_name: 'm', inputs: [int32({ datatype: 'FLOAT' })] },
      'inputs.0.datatype must be one of the following values: BOOL,',
    ],
    [
      'a negative dimension',
      { model_name: 'm', inputs: [int32({ shape: [-3] })] },
      'inputs.0.shape must contain only sizes ≥ 0',
    ],
    [
      'a rank above 32',
      { model_name: 'm', inputs: [int32({ shape: new Array(33).fill(1) })] },
      'inputs.0.shape may have at most 32 dimensions',
    ],
    [
      'binary_data_output as a string',
      {
        model_name: 'm',
        inputs: [int32()],
        parameters: { binary_data_output: { string_param: 'yes' } },
      },
      `Unable to parse 'binary_data_output' in the parameters of the request: expected a boolean, got "yes"`,
    ],
    [
      'classification as a string',
      {
        model_name: 'm',
        inputs: [int32()],
        outputs: [{ name: 'O', parameters: { classification: { string_param: '3' } } }],
      },
      `Unable to parse 'classification' in the parameters of output 'O': expected an integer, got "3"`,
    ],
    [
      'classification as a double',
      {
        model_name: 'm',
        inputs: [int32()],
        outputs: [{ name: 'O', parameters: { classification: { double_param: 1.5 } } }],
      },
      `'classification' in the parameters of output 'O': expected an integer, got 1.5`,
    ],
    [
      'binary_data_size as a bool on an input',
      {
        model_name: 'm',
        inputs: [int32({ parameters: { binary_data_size: { bool_param: true } } })],
      },
      `'binary_data_size' in the parameters of input 'IN_INT32': expected an integer, got true`,
    ],
    [
      'a parameter named constructor',
      {
        model_name: 'm',
        inputs: [int32()],
        parameters: { __proto__x: { bool_param: true }, constructor: { bool_param: true } },
      },
      "key 'constructor' is not allowed",
    ],
  ];
  it.each(bad)('refuses %s', (_case, request, message) => {
    const run = () => decodeModelInferRequest(wire(request));
    expect(run).toThrow(InvalidInputError);
    expect(run).toThrow(message);
  });
});

describe('encodeModelInferResponse', () => {
  const result = (datatype: DataType, data: TensorData) => ({
    modelName: 'm',
    modelVersion: '1',
    outputs: [{ name: `OUT_${datatype}`, datatype, shape: [3], data }],
  });

  it.each(CASES.filter(([, field]) => field !== undefined))(
    'answers %s in typed contents.%s to a typed request',
    (datatype, field, contents, data) => {
      const message = answer(encodeModelInferResponse(result(datatype, data), 'r', false));
      expect(message).toMatchObject({ model_name: 'm', model_version: '1', id: 'r' });
      expect(message.raw_output_contents).toEqual([]);
      expect(message.outputs[0]).toMatchObject({ name: `OUT_${datatype}`, datatype, shape: ['3'] });
      const got = message.outputs[0].contents?.[field as 'int_contents'];
      expect(datatype === 'FP32' ? got?.map(Math.fround) : got).toEqual(
        datatype === 'FP32' ? (contents as number[]).map(Math.fround) : contents,
      );
    },
  );

  it.each(CASES)('answers %s raw to a raw request', (datatype, _field, _contents, data) => {
    const message = answer(encodeModelInferResponse(result(datatype, data), '', true));
    expect(message.outputs[0].contents).toBeNull();
    expect(message.raw_output_contents).toEqual([encodeBinaryTensor(data)]);
  });

  it('answers every output raw when one is FP16, which has no typed field', () => {
    const fp16 = Uint16Array.from([toHalfBits(1)]);
    const message = answer(
      encodeModelInferResponse(
        {
          modelName: 'm',
          modelVersion: '1',
          outputs: [
            { name: 'A', datatype: 'INT32', shape: [1], data: Int32Array.from([7]) },
            { name: 'B', datatype: 'FP16', shape: [1], data: fp16 },
          ],
        },
        '',
        false,
      ),
    );
    expect(message.outputs.map((o) => o.contents)).toEqual([null, null]);
    expect(message.raw_output_contents).toEqual([
      Buffer.from(Int32Array.from([7]).buffer),
      Buffer.from(fp16.buffer),
    ]);
  });
});
