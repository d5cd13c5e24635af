import { InferAnswer, StreamAnswer, streamStatus } from '../helpers/grpc-client';
import { ones, range16, simpleTyped, useGrpcServer } from '../helpers/grpc-fixtures';

const tinyQueue = (id: string) => ({
  ...simpleTyped(ones(16, 5), ones(16, 2), { id }),
  model_name: 'tiny_queue',
});
const iris = (id: string) => ({
  model_name: 'iris',
  id,
  inputs: [
    {
      name: 'input',
      datatype: 'FP32',
      shape: [1, 4],
      contents: { fp32_contents: [6.7, 3, 5.2, 2.3] },
    },
  ],
  outputs: [{ name: 'label' }],
});
const versioned = (id: string, version: string) => ({
  model_name: 'versioned',
  model_version: version,
  id,
  inputs: [{ name: 'x', datatype: 'FP32', shape: [1], contents: { fp32_contents: [10] } }],
});

/** ModelStreamInfer: one bidirectional stream carrying requests for several models at once. */
describe('gRPC: ModelStreamInfer', () => {
  const t = useGrpcServer();

  it('answers interleaved requests for different models as each finishes, errors in-band by id', async () => {
    const stream = t.client.stream();
    const answers: { at: number; answer: StreamAnswer }[] = [];
    stream.on('data', (answer: StreamAnswer) => answers.push({ at: Date.now(), answer }));
    const ended = streamStatus(stream);
    // tiny_queue holds its request 200 ms: everything sent after it is answered first.
    stream.write(tinyQueue('slow'));
    stream.write(simpleTyped(range16, ones(16), { id: 'simple-1' }));
    stream.write(iris('iris-1'));
    stream.write(versioned('v2', '2'));
    stream.write({ ...simpleTyped(ones(16), ones(16)), model_name: 'nope', id: 'bad-model' });
    stream.write(versioned('v3', ''));
    stream.write({
      model_name: 'simple',
      id: 'bad-shape',
      inputs: [
        { name: 'INPUT0', datatype: 'INT32', shape: [2], contents: { int_contents: [1, 2] } },
      ],
    });
    stream.write(simpleTyped(ones(16, 7), ones(16), { id: 'simple-2' }));
    stream.end();
    expect(await ended).toMatchObject({ code: 0 });

    const byId = new Map(answers.map(({ answer }) => [answer.infer_response?.id, answer]));
    expect([...byId.keys()].sort()).toEqual(
      ['bad-model', 'bad-shape', 'iris-1', 'simple-1', 'simple-2', 'slow', 'v2', 'v3'].sort(),
    );
    const ok = (id: string): InferAnswer => {
      const a = byId.get(id);
      expect(a?.error_message).toBe('');
      return a?.infer_response as InferAnswer;
    };
    expect(ok('simple-1').outputs[0].contents?.int_contents).toEqual(range16.map((v) => v + 1));
    expect(ok('simple-2').outputs[0].contents?.int_contents).toEqual(ones(16, 8));
    expect(ok('slow')).toMatchObject({ model_name: 'tiny_queue' });
    expect(ok('slow').outputs[1].contents?.int_contents).toEqual(ones(16, 3));
    expect((ok('iris-1').outputs[0].contents?.bytes_contents as Buffer[]).map(String)).toEqual([
      'virginica',
    ]);
    expect(ok('v2')).toMatchObject({
      model_version: '2',
      outputs: [{ contents: { fp32_contents: [12] } }],
    });
    expect(ok('v3')).toMatchObject({
      model_version: '3',
      outputs: [{ contents: { fp32_contents: [13] } }],
    });
    expect(byId.get('bad-model')?.error_message).toBe("unknown model 'nope'");
    expect(byId.get('bad-shape')?.error_message).toContain("input 'INPUT0'");
    // Interleaved, not in order: the slow model's answer comes after the fast ones sent later.
    const order = answers.map(({ answer }) => answer.infer_response?.id);
    expect(order.indexOf('slow')).toBeGreaterThan(order.indexOf('simple-2'));
  });

  it('answers raw requests raw on a stream too', async () => {
    const stream = t.client.stream();
    const answers: StreamAnswer[] = [];
    stream.on('data', (a: StreamAnswer) => answers.push(a));
    const ended = streamStatus(stream);
    stream.write({
      model_name: 'simple',
      id: 'raw',
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({ name, datatype: 'INT32', shape: [1, 16] })),
      raw_input_contents: [
        Buffer.from(Int32Array.from(range16).buffer),
        Buffer.from(Int32Array.from(ones(16)).buffer),
      ],
    });
    stream.end();
    expect(await ended).toMatchObject({ code: 0 });
    expect(answers).toHaveLength(1);
    expect(answers[0].infer_response?.raw_output_contents[0]).toEqual(
      Buffer.from(Int32Array.from(range16.map((v) => v + 1)).buffer),
    );
  });

  it('keeps many requests in flight on one stream', async () => {
    const stream = t.client.stream();
    const ids = new Set<string>();
    stream.on('data', (a: StreamAnswer) => {
      if (a.error_message === '') ids.add(a.infer_response?.id ?? '');
    });
    const ended = streamStatus(stream);
    for (let i = 0; i < 200; i++)
      stream.write(i % 2 ? simpleTyped(ones(16, i), ones(16), { id: `s${i}` }) : iris(`i${i}`));
    stream.end();
    expect(await ended).toMatchObject({ code: 0 });
    expect(ids.size).toBe(200);
  });
});
