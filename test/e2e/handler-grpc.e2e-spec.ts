import { GrpcApp, GrpcTestClient, InferAnswer, startGrpcApp } from '../helpers/grpc-client';
import { EXAMPLE_MODELS } from '../helpers/test-app';

const ROW = { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 };

/** The bundled handler models over gRPC ModelInfer: V2 tensors, the same handler as REST. */
describe('handler models over gRPC', () => {
  let server: GrpcApp;
  let client: GrpcTestClient;

  beforeAll(async () => {
    server = await startGrpcApp({ MODEL_REPOSITORY: EXAMPLE_MODELS });
    client = new GrpcTestClient(server.target);
  });
  afterAll(async () => {
    client.close();
    await server.app.close();
  });

  it('answers iris_records with its business fields as tensors', async () => {
    const res = await client.call<InferAnswer>('ModelInfer', {
      model_name: 'iris_records',
      inputs: Object.entries(ROW).map(([name, value]) => ({
        name,
        datatype: 'FP32',
        shape: [1, 1],
        contents: { fp32_contents: [value] },
      })),
    });
    if (!res.ok) throw new Error(res.details);
    const [species, confidence] = res.value.outputs;
    expect(species.name).toBe('species');
    expect(species.contents?.bytes_contents?.map(String)).toEqual(['setosa']);
    expect(confidence.name).toBe('confidence');
    expect(Number(confidence.contents?.fp32_contents?.[0])).toBeGreaterThan(0.99);
  });

  it('answers langid_top3, which calls langid by name, over gRPC too', async () => {
    const res = await client.call<InferAnswer>('ModelInfer', {
      model_name: 'langid_top3',
      inputs: [
        {
          name: 'text',
          datatype: 'BYTES',
          shape: [1, 1],
          contents: {
            bytes_contents: [Buffer.from('Der schnelle braune Fuchs springt über den faulen Hund')],
          },
        },
      ],
    });
    if (!res.ok) throw new Error(res.details);
    expect(res.value.outputs.map((o) => o.name)).toEqual([
      'language',
      'confidence',
      'alternatives',
    ]);
    expect(res.value.outputs[0].contents?.bytes_contents?.map(String)).toEqual(['de']);
  });
});
