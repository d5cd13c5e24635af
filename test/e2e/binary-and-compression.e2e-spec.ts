import { gunzipSync, inflateSync } from 'node:zlib';
import { call, EXAMPLE_MODELS, startApp, TestApp } from '../helpers/test-app';

/** A binary tensor extension request: JSON header, then the raw sections, and the header length. */
function binaryRequest(
  header: object,
  sections: Buffer[],
): { body: Buffer; headers: Record<string, string> } {
  const json = Buffer.from(JSON.stringify(header));
  return {
    body: Buffer.concat([json, ...sections]),
    headers: {
      'inference-header-content-length': String(json.length),
      'content-type': 'application/octet-stream',
    },
  };
}

/** Splits a binary answer into its JSON header and its binary section. */
async function readBinaryReply(res: Response): Promise<{
  header: {
    outputs: { name: string; parameters?: { binary_data_size: number }; data?: unknown[] }[];
  };
  binary: Buffer;
}> {
  const body = Buffer.from(await res.arrayBuffer());
  const length = Number(res.headers.get('inference-header-content-length'));
  return { header: JSON.parse(body.subarray(0, length).toString()), binary: body.subarray(length) };
}

const int32 = (values: number[]) => Buffer.from(Int32Array.from(values).buffer);
const strings = (values: string[]) =>
  Buffer.concat(
    values.flatMap((s) => [
      Buffer.from(Uint32Array.from([Buffer.byteLength(s)]).buffer),
      Buffer.from(s),
    ]),
  );
const a = Array.from({ length: 16 }, (_, i) => i);
const ones = new Array(16).fill(1);

describe('binary tensors and compressed payloads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (path: string, body: Buffer | string, headers: Record<string, string>) =>
    fetch(`${app.url}${path}`, { method: 'POST', body, headers });

  it('takes binary INT32 inputs and answers binary outputs', async () => {
    const req = binaryRequest(
      {
        inputs: [
          {
            name: 'INPUT0',
            shape: [1, 16],
            datatype: 'INT32',
            parameters: { binary_data_size: 64 },
          },
          {
            name: 'INPUT1',
            shape: [1, 16],
            datatype: 'INT32',
            parameters: { binary_data_size: 64 },
          },
        ],
        outputs: [{ name: 'OUTPUT0', parameters: { binary_data: true } }, { name: 'OUTPUT1' }],
      },
      [int32(a), int32(ones)],
    );
    const res = await post('/v2/models/simple/infer', req.body, req.headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const { header, binary } = await readBinaryReply(res);
    expect(header.outputs[0]).toEqual({
      name: 'OUTPUT0',
      datatype: 'INT32',
      shape: [1, 16],
      parameters: { binary_data_size: 64 },
    });
    expect(header.outputs[1].data).toEqual(a.map((v) => v - 1));
    expect(
      Array.from(new Int32Array(binary.buffer.slice(binary.byteOffset, binary.byteOffset + 64))),
    ).toEqual(a.map((v) => v + 1));
  });

  it('mixes a JSON input with a binary BYTES input, and binary_data_output returns all outputs binary', async () => {
    const req = binaryRequest(
      {
        parameters: { binary_data_output: true },
        inputs: [
          { name: 'INPUT0', shape: [1, 16], datatype: 'BYTES', data: a.map(String) },
          {
            name: 'INPUT1',
            shape: [1, 16],
            datatype: 'BYTES',
            parameters: { binary_data_size: strings(ones.map(String)).length },
          },
        ],
      },
      [strings(ones.map(String))],
    );
    const res = await post('/v2/models/simple_string/infer', req.body, req.headers);
    expect(res.status).toBe(200);
    const { header, binary } = await readBinaryReply(res);
    expect(header.outputs.map((o) => o.parameters?.binary_data_size)).toEqual([
      strings(a.map((v) => String(v + 1))).length,
      strings(a.map((v) => String(v - 1))).length,
    ]);
    expect(
      binary.equals(
        Buffer.concat([strings(a.map((v) => String(v + 1))), strings(a.map((v) => String(v - 1)))]),
      ),
    ).toBe(true);
  });

  it('answers a raw binary request (Inference-Header-Content-Length: 0) as batch 1 with binary outputs', async () => {
    const res = await post(
      '/v2/models/iris/infer',
      Buffer.from(Float32Array.from([5.1, 3.5, 1.4, 0.2]).buffer),
      {
        'inference-header-content-length': '0',
      },
    );
    expect(res.status).toBe(200);
    const { header, binary } = await readBinaryReply(res);
    expect(header.outputs.map((o) => o.name)).toEqual(['label', 'probabilities']);
    expect(binary.subarray(4, 10).toString()).toBe('setosa');
  });

  it.each([
    [
      'a section shorter than declared',
      64,
      int32(a).subarray(0, 60),
      'binary_data_size 64 runs past the end of the binary data (60 bytes left)',
    ],
    [
      'a size that disagrees with the shape',
      60,
      int32(a).subarray(0, 60),
      "input 'INPUT0': binary data is 60 bytes but shape [1,16] of INT32 needs 64",
    ],
  ])(
    'answers 400 for %s, naming the input and the sizes',
    async (_case, size, section, message) => {
      const req = binaryRequest(
        {
          inputs: [
            {
              name: 'INPUT0',
              shape: [1, 16],
              datatype: 'INT32',
              parameters: { binary_data_size: size },
            },
            { name: 'INPUT1', shape: [1, 16], datatype: 'INT32', data: ones },
          ],
        },
        [section],
      );
      const res = await post('/v2/models/simple/infer', req.body, req.headers);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(message);
    },
  );

  it('compresses infer answers when Accept-Encoding asks, honouring q-values', async () => {
    const body = JSON.stringify({
      inputs: [{ name: 'input', shape: [64, 4], datatype: 'FP32', data: new Array(256).fill(1) }],
    });
    for (const [accept, encoding, unzip] of [
      ['gzip', 'gzip', gunzipSync],
      ['gzip;q=0.2, deflate;q=0.9', 'deflate', inflateSync],
    ] as const) {
      const res = await fetch(`${app.url}/v2/models/iris/infer`, {
        method: 'POST',
        body,
        headers: { 'accept-encoding': accept },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      // fetch decodes transparently; check the bytes the server sent by asking node:http below.
      await res.arrayBuffer();
      const raw = await rawPost('/v2/models/iris/infer', body, accept);
      expect(raw.headers['content-encoding']).toBe(encoding);
      expect(JSON.parse(unzip(raw.body).toString())).toMatchObject({
        model_name: 'iris',
        outputs: [{ name: 'label' }, { name: 'probabilities' }],
      });
    }
  });

  // Triton's HTTP client asks for gzip or deflate on small answers too, and Triton compresses them.
  it.each([
    ['gzip', gunzipSync],
    ['deflate', inflateSync],
  ] as const)(
    'compresses a small answer when asked for %s (COMPRESS_MIN_BYTES 0)',
    async (accept, unzip) => {
      const small = await rawPost(
        '/v2/models/iris/infer',
        JSON.stringify({
          inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] }],
        }),
        accept,
      );
      expect(small.headers['content-encoding']).toBe(accept);
      expect(JSON.parse(unzip(small.body).toString())).toMatchObject({ model_name: 'iris' });
    },
  );

  it('leaves errors and probes uncompressed', async () => {
    const error = await rawPost('/v2/models/iris/infer', '{', 'gzip');
    expect(error.headers['content-encoding']).toBeUndefined();
    const probe = await call(app, 'GET', '/health/live', undefined, { 'accept-encoding': 'gzip' });
    expect(probe.headers.get('content-encoding')).toBeNull();
  });

  async function rawPost(
    path: string,
    body: string,
    acceptEncoding: string,
  ): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    const { request } = await import('node:http');
    return new Promise((resolve, reject) => {
      const req = request(
        `${app.url}${path}`,
        { method: 'POST', headers: { 'accept-encoding': acceptEncoding } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
});
