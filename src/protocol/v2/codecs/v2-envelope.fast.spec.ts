import fc from 'fast-check';
import { validateDtoFields } from '../../../common/validation/validate-dto';
import { InferRequestDto } from '../dto/infer-request.dto';
import { wellFormedEnvelope } from './v2-envelope.fast';

const input = (over: Record<string, unknown> = {}) => ({
  name: 'x',
  shape: [1, 4],
  datatype: 'FP32',
  data: true,
  ...over,
});

describe('wellFormedEnvelope', () => {
  it.each([
    ['one input', { inputs: [input()] }],
    [
      'id, parameters and outputs',
      {
        id: 'r1',
        parameters: { a: 1 },
        inputs: [input({ parameters: { binary_data_size: 4 } })],
        outputs: [{ name: 'y', parameters: { classification: 2 } }],
      },
    ],
    ['a scalar shape', { inputs: [input({ shape: [] })] }],
    [
      "the KServe SDK's model_name and model_version",
      { model_name: 'm', model_version: '1', inputs: [input()] },
    ],
  ])('accepts %s, as the DTO does', (_name, envelope) => {
    expect(wellFormedEnvelope(envelope)).toBeDefined();
    expect(validateDtoFields(InferRequestDto, envelope).ok).toBe(true);
  });

  it.each([
    ['an unknown request key', { inputs: [input()], model: 'm' }],
    ['a numeric model_version', { inputs: [input()], model_version: 1 }],
    ['an unknown input key', { inputs: [input({ dims: [1] })] }],
    ['an empty name', { inputs: [input({ name: '' })] }],
    ['a negative dimension', { inputs: [input({ shape: [-1] })] }],
    ['a fractional dimension', { inputs: [input({ shape: [1.5] })] }],
    ['33 dimensions', { inputs: [input({ shape: new Array(33).fill(1) })] }],
    ['an unknown datatype', { inputs: [input({ datatype: 'FP8' })] }],
    ['no data', { inputs: [input({ data: undefined })] }],
    ['parameters as an array', { parameters: [], inputs: [input()] }],
    ['a numeric id', { id: 7, inputs: [input()] }],
    ['outputs not a list', { inputs: [input()], outputs: {} }],
    ['no inputs', {}],
  ])('leaves %s to the DTO', (_name, envelope) => {
    expect(wellFormedEnvelope(envelope)).toBeUndefined();
  });

  it('never accepts what the DTO refuses, and agrees with it on what it accepts', () => {
    const anything = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 3 }),
      fc.integer({ min: -2, max: 3 }),
      fc.double({ noNaN: true, min: -2, max: 3 }),
      fc.boolean(),
      fc.constant(null),
      fc.constant([]),
      fc.constant({}),
      fc.dictionary(fc.constantFrom('a', 'binary_data_size'), fc.integer(), { maxKeys: 2 }),
    );
    // Mostly valid pieces, so that whole envelopes come out well formed often enough.
    const maybe = <T>(a: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: a, weight: 6 }, { arbitrary: anything, weight: 1 });
    const rarely = fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 8 },
      { arbitrary: anything, weight: 1 },
    );
    const shape = maybe(
      fc.array(fc.oneof(fc.nat(4), fc.integer({ min: -1, max: 4 }), fc.double()), {
        maxLength: 34,
      }),
    );
    const tensor = fc.record(
      {
        name: maybe(fc.constantFrom('x', '', 'y')),
        shape,
        datatype: maybe(fc.constantFrom('FP32', 'INT64', 'BYTES', 'fp32', 'FP8')),
        parameters: rarely,
        data: maybe(fc.constant(true)),
        extra: rarely,
      },
      { requiredKeys: ['name', 'shape', 'datatype', 'data'] },
    );
    const envelope = fc.record(
      {
        id: maybe(fc.string({ maxLength: 4 })),
        parameters: rarely,
        inputs: maybe(fc.array(tensor, { maxLength: 3 })),
        outputs: maybe(
          fc.array(
            fc.record(
              { name: maybe(fc.constant('y')), parameters: anything },
              { requiredKeys: [] },
            ),
            { maxLength: 2 },
          ),
        ),
        model_name: rarely,
      },
      { requiredKeys: [] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(envelope, (raw) => {
        const value = JSON.parse(JSON.stringify(raw)) as unknown;
        const fast = wellFormedEnvelope(value);
        if (!fast) return;
        accepted++;
        const slow = validateDtoFields(InferRequestDto, value);
        expect(slow.ok).toBe(true);
        if (slow.ok)
          expect(JSON.parse(JSON.stringify(fast))).toEqual(JSON.parse(JSON.stringify(slow.value)));
      }),
      { numRuns: 3000, seed: 12 },
    );
    // The property means something only if the generator reaches well-formed envelopes.
    expect(accepted).toBeGreaterThan(30);
  });
});
