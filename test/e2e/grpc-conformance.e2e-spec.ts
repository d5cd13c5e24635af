import { grpc, InferAnswer } from '../helpers/grpc-client';
import { ones, range16, simpleJson, simpleTyped, useGrpcServer } from '../helpers/grpc-fixtures';
import { call } from '../helpers/test-app';

/** The gRPC code each REST status maps to (the table; Triton's grpc_utils.cc). */
const CODE_OF_STATUS: Record<number, grpc.status> = {
  400: grpc.status.INVALID_ARGUMENT,
  401: grpc.status.UNAUTHENTICATED,
  403: grpc.status.PERMISSION_DENIED,
  404: grpc.status.NOT_FOUND,
  413: grpc.status.RESOURCE_EXHAUSTED,
  429: grpc.status.RESOURCE_EXHAUSTED,
  503: grpc.status.UNAVAILABLE,
};

/** The 64-bit fields of the messages compared, which the client decodes as decimal strings. */
const INT64_FIELDS = new Set([
  'shape',
  'dims',
  'count',
  'ns',
  'last_inference',
  'inference_count',
  'execution_count',
  'batch_size',
]);

/** A decoded message with its 64-bit fields as numbers, as REST's JSON writes them. */
function numbers(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && INT64_FIELDS.has(key)) return Number(value);
  if (Array.isArray(value)) return value.map((v) => numbers(v, key));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numbers(v, k)]));
  return value;
}

/** A gRPC answer in REST's JSON form: typed contents as `data`, BYTES as text, dims as numbers. */
function asRest(answer: InferAnswer): Record<string, unknown> {
  return {
    model_name: answer.model_name,
    model_version: answer.model_version,
    ...(answer.id && { id: answer.id }),
    outputs: answer.outputs.map((o) => {
      const field = Object.entries(o.contents ?? {}).find(([, v]) => v.length > 0);
      const data = (field?.[1] ?? []).map((v) => (Buffer.isBuffer(v) ? v.toString() : v));
      return { name: o.name, datatype: o.datatype, shape: o.shape.map(Number), data };
    }),
  };
}

/** One inference as both protocols spell it. */
interface Pair {
  readonly name: string;
  readonly path: string;
  readonly rest: object;
  readonly grpc: object;
}

const pairs: Pair[] = [
  {
    name: 'simple, typed, with an id',
    path: '/v2/models/simple/infer',
    rest: simpleJson(range16, ones(16, 3), { id: 'c-1' }),
    grpc: simpleTyped(range16, ones(16, 3), { id: 'c-1' }),
  },
  {
    name: 'simple, one output selected',
    path: '/v2/models/simple/infer',
    rest: simpleJson(ones(16, 9), range16, { outputs: [{ name: 'OUTPUT1' }] }),
    grpc: simpleTyped(ones(16, 9), range16, { outputs: [{ name: 'OUTPUT1' }] }),
  },
  {
    name: 'versioned, version 2',
    path: '/v2/models/versioned/versions/2/infer',
    rest: { inputs: [{ name: 'x', datatype: 'FP32', shape: [2], data: [0.5, -3] }] },
    grpc: {
      model_name: 'versioned',
      model_version: '2',
      inputs: [{ name: 'x', datatype: 'FP32', shape: [2], contents: { fp32_contents: [0.5, -3] } }],
    },
  },
  {
    name: 'iris, labels and a top-3 classification',
    path: '/v2/models/iris/infer',
    rest: {
      inputs: [
        {
          name: 'input',
          datatype: 'FP32',
          shape: [2, 4],
          data: [5.1, 3.5, 1.4, 0.2, 6.7, 3, 5.2, 2.3],
        },
      ],
      outputs: [{ name: 'label' }, { name: 'probabilities', parameters: { classification: 3 } }],
    },
    grpc: {
      model_name: 'iris',
      inputs: [
        {
          name: 'input',
          datatype: 'FP32',
          shape: [2, 4],
          contents: { fp32_contents: [5.1, 3.5, 1.4, 0.2, 6.7, 3, 5.2, 2.3] },
        },
      ],
      outputs: [
        { name: 'label' },
        { name: 'probabilities', parameters: { classification: { int64_param: 3 } } },
      ],
    },
  },
  {
    name: 'every datatype but the 64-bit ones and FP16 (compared raw below)',
    path: '/v2/models/identity_typed/infer',
    rest: {
      inputs: typedInputs().map(({ name, datatype, values }) => ({
        name,
        datatype,
        shape: [3],
        data: values,
      })),
      outputs: typedInputs()
        .filter((i) => !i.datatype.endsWith('64') || i.datatype === 'FP64')
        .map((i) => ({ name: i.name.replace('IN_', 'OUT_') })),
    },
    grpc: {
      model_name: 'identity_typed',
      inputs: typedInputs().map(({ name, datatype, field, wire }) => ({
        name,
        datatype,
        shape: [3],
        contents: { [field]: wire },
      })),
      outputs: typedInputs()
        .filter((i) => !i.datatype.endsWith('64') || i.datatype === 'FP64')
        .map((i) => ({ name: i.name.replace('IN_', 'OUT_') })),
    },
  },
];

function typedInputs() {
  const rows: [string, string, unknown[], unknown[]?][] = [
    ['BOOL', 'bool_contents', [true, false, true]],
    ['UINT8', 'uint_contents', [0, 7, 255]],
    ['UINT16', 'uint_contents', [0, 7, 65535]],
    ['UINT32', 'uint_contents', [0, 7, 4294967295]],
    ['UINT64', 'uint64_contents', ['0', '7', '18446744073709551615']],
    ['INT8', 'int_contents', [-128, 7, 127]],
    ['INT16', 'int_contents', [-32768, 7, 32767]],
    ['INT32', 'int_contents', [-2147483648, 7, 2147483647]],
    ['INT64', 'int64_contents', ['-9223372036854775808', '7', '9223372036854775807']],
    ['FP32', 'fp32_contents', [0.1, -2.5, 3e38]],
    ['FP64', 'fp64_contents', [0.1, -2.5, 1e300]],
    [
      'BYTES',
      'bytes_contents',
      ['a', '', '慢走。'],
      ['a', '', '慢走。'].map((s) => Buffer.from(s)),
    ],
  ];
  return rows.map(([datatype, field, values, wire]) => ({
    name: `IN_${datatype}`,
    datatype,
    field,
    values,
    wire: wire ?? values,
  }));
}

/** Requests both protocols must refuse: the same message, the status and code that match. */
const refusals: Pair[] = [
  {
    name: 'an unknown model',
    path: '/v2/models/nope/infer',
    rest: simpleJson(ones(16), ones(16)),
    grpc: simpleTyped(ones(16), ones(16), { model_name: 'nope' }),
  },
  {
    name: 'a version not served',
    path: '/v2/models/versioned/versions/7/infer',
    rest: { inputs: [] },
    grpc: { model_name: 'versioned', model_version: '7', inputs: [] },
  },
  {
    name: 'a corrupt model',
    path: '/v2/models/corrupt/infer',
    rest: { inputs: [] },
    grpc: { model_name: 'corrupt', inputs: [] },
  },
  {
    name: 'an unknown input',
    path: '/v2/models/simple/infer',
    rest: { inputs: [{ name: 'X', datatype: 'INT32', shape: [1, 16], data: ones(16) }] },
    grpc: {
      model_name: 'simple',
      inputs: [
        { name: 'X', datatype: 'INT32', shape: [1, 16], contents: { int_contents: ones(16) } },
      ],
    },
  },
  {
    name: 'a missing input',
    path: '/v2/models/simple/infer',
    rest: { inputs: [simpleJson(ones(16), ones(16)).inputs[0]] },
    grpc: { model_name: 'simple', inputs: [simpleTyped(ones(16), ones(16)).inputs[0]] },
  },
  {
    name: 'a wrong shape',
    path: '/v2/models/simple/infer',
    rest: {
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        datatype: 'INT32',
        shape: [2, 8],
        data: ones(16),
      })),
    },
    grpc: {
      model_name: 'simple',
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        datatype: 'INT32',
        shape: [2, 8],
        contents: { int_contents: ones(16) },
      })),
    },
  },
  {
    name: 'a wrong datatype',
    path: '/v2/models/simple/infer',
    rest: {
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        datatype: 'FP64',
        shape: [1, 16],
        data: ones(16),
      })),
    },
    grpc: {
      model_name: 'simple',
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        datatype: 'FP64',
        shape: [1, 16],
        contents: { fp64_contents: ones(16) },
      })),
    },
  },
  {
    name: 'an unknown output',
    path: '/v2/models/simple/infer',
    rest: simpleJson(ones(16), ones(16), { outputs: [{ name: 'OUTPUT9' }] }),
    grpc: simpleTyped(ones(16), ones(16), { outputs: [{ name: 'OUTPUT9' }] }),
  },
  {
    name: 'a batch above max_batch_size',
    path: '/v2/models/simple/infer',
    rest: {
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        datatype: 'INT32',
        shape: [9, 16],
        data: ones(144),
      })),
    },
    grpc: {
      model_name: 'simple',
      inputs: ['INPUT0', 'INPUT1'].map((name) => ({
        name,
        datatype: 'INT32',
        shape: [9, 16],
        contents: { int_contents: ones(144) },
      })),
    },
  },
  {
    name: 'a value out of range',
    path: '/v2/models/identity_typed/infer',
    rest: {
      inputs: typedInputs().map(({ name, datatype, values }) => ({
        name,
        datatype,
        shape: [3],
        data: datatype === 'INT8' ? [1, 300, 2] : values,
      })),
    },
    grpc: {
      model_name: 'identity_typed',
      inputs: typedInputs().map(({ name, datatype, field, wire }) => ({
        name,
        datatype,
        shape: [3],
        contents: { [field]: datatype === 'INT8' ? [1, 300, 2] : wire },
      })),
    },
  },
  {
    name: 'a classification of a BYTES output',
    path: '/v2/models/iris/infer',
    rest: {
      inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 4], data: [1, 2, 3, 4] }],
      outputs: [{ name: 'label', parameters: { classification: 2 } }],
    },
    grpc: {
      model_name: 'iris',
      inputs: [
        {
          name: 'input',
          datatype: 'FP32',
          shape: [1, 4],
          contents: { fp32_contents: [1, 2, 3, 4] },
        },
      ],
      outputs: [{ name: 'label', parameters: { classification: { int64_param: 2 } } }],
    },
  },
  {
    name: 'classification as a string',
    path: '/v2/models/iris/infer',
    rest: {
      inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 4], data: [1, 2, 3, 4] }],
      outputs: [{ name: 'probabilities', parameters: { classification: 'two' } }],
    },
    grpc: {
      model_name: 'iris',
      inputs: [
        {
          name: 'input',
          datatype: 'FP32',
          shape: [1, 4],
          contents: { fp32_contents: [1, 2, 3, 4] },
        },
      ],
      outputs: [{ name: 'probabilities', parameters: { classification: { string_param: 'two' } } }],
    },
  },
  {
    name: 'binary_data_output as a string',
    path: '/v2/models/simple/infer',
    rest: simpleJson(ones(16), ones(16), { parameters: { binary_data_output: 'yes' } }),
    grpc: simpleTyped(ones(16), ones(16), {
      parameters: { binary_data_output: { string_param: 'yes' } },
    }),
  },
];

/** The same requests over REST and gRPC get the same answers, and the same refusals. */
describe('gRPC ≡ REST', () => {
  const t = useGrpcServer();

  it.each(pairs.map((p) => [p.name, p] as const))('%s: the same outputs', async (_name, pair) => {
    const rest = await call(t.server.app, 'POST', pair.path, pair.rest);
    const answer = await t.client.call<InferAnswer>('ModelInfer', pair.grpc);
    expect(rest.status).toBe(200);
    expect(answer.ok).toBe(true);
    if (answer.ok) expect(asRest(answer.value)).toEqual(rest.json());
  });

  it('every datatype, FP16 and 64-bit included: REST binary outputs ≡ gRPC raw outputs, byte for byte', async () => {
    const pair = pairs[pairs.length - 1];
    const outputs = typedInputs().map((i) => ({ name: i.name.replace('IN_', 'OUT_') }));
    const rest = await fetch(`${t.server.app.url}${pair.path}`, {
      method: 'POST',
      body: JSON.stringify({ ...pair.rest, outputs, parameters: { binary_data_output: true } }),
    });
    const body = Buffer.from(await rest.arrayBuffer());
    const headerLength = Number(rest.headers.get('inference-header-content-length'));
    const header = JSON.parse(body.subarray(0, headerLength).toString()) as {
      outputs: { parameters: { binary_data_size: number } }[];
    };
    const sections: Buffer[] = [];
    let at = headerLength;
    for (const o of header.outputs) {
      sections.push(body.subarray(at, at + o.parameters.binary_data_size));
      at += o.parameters.binary_data_size;
    }
    const raw = await t.client.call<InferAnswer>('ModelInfer', {
      model_name: 'identity_typed',
      inputs: typedInputs().map(({ name, datatype }) => ({ name, datatype, shape: [3] })),
      outputs,
      raw_input_contents: sections,
    });
    expect(raw.ok && raw.value.raw_output_contents).toEqual(sections);
  });

  it.each(refusals.map((p) => [p.name, p] as const))(
    '%s: the same message, the matching code',
    async (_name, pair) => {
      const rest = await call(t.server.app, 'POST', pair.path, pair.rest);
      const answer = await t.client.call('ModelInfer', pair.grpc);
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect([answer.code, answer.details]).toEqual([
        CODE_OF_STATUS[rest.status],
        rest.json<{ error: string }>().error,
      ]);
    },
  );

  it('metadata, readiness, configuration, statistics and server metadata say the same', async () => {
    const rest = async (path: string) => (await call(t.server.app, 'GET', path)).json();
    const rpc = async (method: string, request: object) => {
      const res = await t.client.call(method, request);
      return res.ok ? numbers(res.value) : res;
    };
    expect(await rpc('ServerMetadata', {})).toEqual(await rest('/v2'));
    expect(await rpc('ModelMetadata', { name: 'iris' })).toEqual(await rest('/v2/models/iris'));
    expect(await rpc('ModelReady', { name: 'versioned', version: '2' })).toEqual({
      ready: (await rest('/v2/models/versioned/versions/2/ready')).ready,
    });
    // gRPC fills in every field of ModelConfig with its default; REST writes the ones Perch sets.
    expect(await rpc('ModelConfig', { name: 'iris' })).toMatchObject({
      config: await rest('/v2/models/iris/config'),
    });
    expect(await rpc('ModelStatistics', { name: 'simple' })).toEqual(
      await rest('/v2/models/simple/stats'),
    );
    expect(await rpc('ModelStatistics', { name: 'versioned', version: '3' })).toEqual(
      await rest('/v2/models/versioned/versions/3/stats'),
    );
  });
});
