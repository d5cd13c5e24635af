import { validateEnvelope } from './v2-envelope.codec';

const input = (name: string, parameters?: object) => ({
  name,
  shape: [1],
  datatype: 'FP32',
  data: true,
  ...(parameters && { parameters }),
});
const counts = { model: 'm', inputs: 2, outputs: 1 };

describe('validateEnvelope', () => {
  it('keeps every parameters map, which the DTO saw empty', () => {
    const dto = validateEnvelope({
      parameters: { binary_data_output: true },
      inputs: [input('a', { binary_data_size: 4 }), input('b')],
      outputs: [{ name: 'y', parameters: { classification: 2 } }],
    });
    expect(dto.parameters).toEqual({ binary_data_output: true });
    expect(dto.inputs.map((i) => i.parameters)).toEqual([{ binary_data_size: 4 }, undefined]);
    expect(dto.outputs?.[0].parameters).toEqual({ classification: 2 });
  });

  it.each([
    [
      { inputs: [input('a'), input('b'), input('c')] },
      "model 'm' has 2 inputs; the request lists 3",
    ],
    [
      { inputs: [], outputs: [{ name: 'y' }, { name: 'z' }] },
      "model 'm' has 1 outputs; the request lists 2",
    ],
    [
      { inputs: [input('a', JSON.parse('{"__proto__": 1}'))] },
      "key '__proto__' is not allowed (at inputs.0.parameters.__proto__)",
    ],
    [{ inputs: [input('a', [])] }, 'inputs.0.parameters must be an object'],
  ])('refuses %j', (envelope, message) => {
    expect(() => validateEnvelope(envelope, counts)).toThrow(message);
  });

  it('validates a parameters map of 300000 keys in linear time', () => {
    const parameters = Object.fromEntries(Array.from({ length: 300_000 }, (_, i) => [`k${i}`, i]));
    const started = Date.now();
    expect(validateEnvelope({ parameters, inputs: [] }).parameters).toBe(parameters);
    // class-transformer alone took about a minute on this map.
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
