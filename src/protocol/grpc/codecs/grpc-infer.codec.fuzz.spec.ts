import fc from 'fast-check';
import { InvalidInputError } from '../../../common/errors/serving.errors';
import { DATA_TYPES } from '../../../common/tensor/datatype';
import { INFERENCE_SERVICE, loadMethods } from '../grpc-definitions';
import { decodeModelInferRequest } from './grpc-infer.codec';
import { ModelInferRequestMessage } from './grpc-messages';

const infer = loadMethods().get(`/${INFERENCE_SERVICE}/ModelInfer`)!;

const parameter = fc.oneof(
  fc.record({ bool_param: fc.boolean() }),
  fc.record({ int64_param: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String) }),
  fc.record({ string_param: fc.string({ maxLength: 8 }) }),
  fc.record({ double_param: fc.double() }),
  fc.record({ uint64_param: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String) }),
  fc.constant({}),
);
const parameters = fc.dictionary(
  fc.constantFrom(
    'binary_data',
    'binary_data_size',
    'binary_data_output',
    'classification',
    'cache',
    'x',
    'constructor',
  ),
  parameter,
  { maxKeys: 3 },
);
const contents = fc.record(
  {
    bool_contents: fc.array(fc.boolean(), { maxLength: 6 }),
    int_contents: fc.array(fc.integer(), { maxLength: 6 }),
    int64_contents: fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String), {
      maxLength: 6,
    }),
    uint_contents: fc.array(fc.nat(), { maxLength: 6 }),
    uint64_contents: fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String), {
      maxLength: 6,
    }),
    fp32_contents: fc.array(fc.float(), { maxLength: 6 }),
    fp64_contents: fc.array(fc.double(), { maxLength: 6 }),
    bytes_contents: fc.array(
      fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b)),
      { maxLength: 6 },
    ),
  },
  { requiredKeys: [] },
);
const input = fc.record(
  {
    name: fc.constantFrom('', 'x', 'IN'),
    datatype: fc.constantFrom(...DATA_TYPES, 'FLOAT', ''),
    shape: fc.array(fc.oneof(fc.integer({ min: -2, max: 6 }), fc.constant(2 ** 40)), {
      maxLength: 4,
    }),
    parameters,
    contents,
  },
  { requiredKeys: ['name', 'datatype', 'shape'] },
);
const request = fc.record(
  {
    model_name: fc.constantFrom('', 'm'),
    model_version: fc.constantFrom('', '1', 'x'),
    id: fc.string({ maxLength: 4 }),
    parameters,
    inputs: fc.array(input, { maxLength: 3 }),
    outputs: fc.array(fc.record({ name: fc.constantFrom('', 'y'), parameters }), { maxLength: 2 }),
    raw_input_contents: fc.array(
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

/** Whatever a client puts in a ModelInferRequest, decoding answers or refuses it with a 400, never a fault. */
describe('decodeModelInferRequest (property)', () => {
  it('decodes or throws InvalidInputError, for any message', () => {
    fc.assert(
      fc.property(request, (message) => {
        const decoded = infer.requestDeserialize(
          infer.requestSerialize(message),
        ) as ModelInferRequestMessage;
        try {
          decodeModelInferRequest(decoded);
        } catch (e) {
          if (!(e instanceof InvalidInputError)) throw e;
        }
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});
