import { decodeInferResponse, encodeInferRequest, HEADER_LENGTH } from './infer-codec';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('infer request and response codec', () => {
  it('writes JSON with 64-bit integers as exact decimal strings and BOOL as booleans', () => {
    const { body, headers } = encodeInferRequest(
      {
        inputs: [
          { name: 'a', datatype: 'INT64', shape: [1], data: new BigInt64Array([2n ** 62n]) },
          { name: 'b', datatype: 'BOOL', shape: [2], data: new Uint8Array([1, 0]) },
        ],
      },
      {},
    );
    expect(headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(text(body))).toEqual({
      inputs: [
        { name: 'a', datatype: 'INT64', shape: [1], data: ['4611686018427387904'] },
        { name: 'b', datatype: 'BOOL', shape: [2], data: [true, false] },
      ],
    });
  });

  it('writes binary inputs after the JSON header, with their sizes and the header length', () => {
    const { body, headers } = encodeInferRequest(
      {
        inputs: [{ name: 'x', datatype: 'FP32', shape: [2], data: new Float32Array([1, 2]) }],
        outputs: [{ name: 'y' }],
      },
      { binaryInputs: true, binaryOutputs: true },
    );
    const length = Number(headers[HEADER_LENGTH]);
    expect(JSON.parse(text(body.subarray(0, length)))).toEqual({
      inputs: [{ name: 'x', datatype: 'FP32', shape: [2], parameters: { binary_data_size: 8 } }],
      outputs: [{ name: 'y' }],
      parameters: { binary_data_output: true },
    });
    expect([...new Float32Array(body.slice(length).buffer)]).toEqual([1, 2]);
  });

  it('refuses data that does not fill the shape, before sending', () => {
    expect(() =>
      encodeInferRequest(
        { inputs: [{ name: 'x', datatype: 'INT32', shape: [2, 2], data: [1] }] },
        {},
      ),
    ).toThrow("tensor 'x': 1 elements do not fill shape [2,2]");
  });

  it('reads JSON and binary outputs of one answer into typed arrays', () => {
    const header = JSON.stringify({
      model_name: 'm',
      outputs: [
        { name: 'j', datatype: 'INT64', shape: [1], data: ['9007199254740993'] },
        { name: 'b', datatype: 'INT16', shape: [2], parameters: { binary_data_size: 4 } },
      ],
    });
    const head = new TextEncoder().encode(header);
    const body = new Uint8Array([...head, 1, 0, 0xff, 0xff]);
    const answer = decodeInferResponse(body, head.byteLength);
    expect(answer.outputs[0].data).toEqual(new BigInt64Array([9007199254740993n]));
    expect(answer.outputs[1].data).toEqual(new Int16Array([1, -1]));
  });

  it('refuses binary outputs that run past the body', () => {
    const head = new TextEncoder().encode(
      JSON.stringify({
        model_name: 'm',
        outputs: [{ name: 'b', datatype: 'INT8', shape: [4], parameters: { binary_data_size: 4 } }],
      }),
    );
    expect(() => decodeInferResponse(new Uint8Array([...head, 1]), head.byteLength)).toThrow(
      "output 'b': its 4 bytes run past the body",
    );
  });
});
