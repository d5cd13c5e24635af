import { call, EXAMPLE_MODELS, FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

const IRIS_ROWS = [
  [5.1, 3.5, 1.4, 0.2],
  [6.4, 3.2, 4.5, 1.5],
  [6.7, 3.0, 5.2, 2.3],
];

/** [case, path, body, status, the answer or a fragment of the error message] */
const CASES: [string, string, unknown, number, unknown][] = [
  ['an empty array', '/predict', [], 200, []],
  ['empty instances', '/predict', { instances: [] }, 200, { predictions: [] }],
  [
    'an object where an array is expected',
    '/predict',
    { text: 'hi' },
    400,
    'expected {"instances": [...]}',
  ],
  ['a JSON string', '/predict', '"hello"', 400, 'expected {"instances": [...]}'],
  [
    'instances that are not an array',
    '/predict',
    { instances: 'hi' },
    400,
    '"instances" must be a JSON array',
  ],
  [
    'numbers instead of strings',
    '/predict',
    [1, 2],
    400,
    "input 'text' (BYTES): element 0 is 1, expected a string",
  ],
  ['null in the array', '/predict', ['a', null], 400, 'element 1 is null, expected a string'],
  [
    'nested arrays',
    '/predict',
    [['a', 'b']],
    400,
    "input 'text': shape [1,2] does not match the model's [-1]",
  ],
  [
    'ragged nesting',
    '/predict',
    ['a', ['b']],
    400,
    'instance 1 has a different shape than instance 0',
  ],
  ['malformed JSON', '/predict', '["a",', 400, 'malformed JSON in request body'],
  ['an empty body', '/predict', '', 400, 'request body is empty'],
  ['an unknown model', '/predict/nope', ['a'], 404, "unknown model 'nope'"],
  ['an invalid model name', '/predict/..%2Fetc', ['a'], 400, 'invalid model name'],
];

describe('the /predict drop-in', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(CASES)('%s → %s', async (_case, path, body, status, expected) => {
    const res = await call(app, 'POST', path, body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json');
    if (status === 200) expect(res.json()).toEqual(expected);
    else expect(res.json<{ error: string }>().error).toContain(expected);
  });

  it('refuses a 10 MB string with a 413 naming MAX_BYTES_ELEMENT_LENGTH', async () => {
    const text = 'All human beings are born free and equal. '.repeat(250_000);
    const res = await call(app, 'POST', '/predict', [text]);
    expect(res.status).toBe(413);
    expect(res.json<{ error: string }>().error).toContain('MAX_BYTES_ELEMENT_LENGTH is 1048576');
    const short = await call(app, 'POST', '/predict', [
      'All human beings are born free and equal.',
    ]);
    expect(short.json()).toEqual(['en']);
  });

  it('splits more rows than max_batch_size into several runs, in order', async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      i % 2 ? 'Jeder Mensch hat das Recht auf Bildung.' : 'Where is the train station?',
    );
    const res = await call(app, 'POST', '/predict', rows);
    expect(res.json()).toEqual(rows.map((_, i) => (i % 2 ? 'de' : 'en')));
  });

  it('answers iris with its first output, the species', async () => {
    const res = await call(app, 'POST', '/predict/iris', IRIS_ROWS);
    expect(res.json()).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('answers top-3 classification on iris with labels.txt', async () => {
    const res = await call(app, 'POST', '/v2/models/iris/infer', {
      inputs: [{ name: 'input', shape: [3, 4], datatype: 'FP32', data: IRIS_ROWS }],
      outputs: [{ name: 'probabilities', parameters: { classification: 3 } }, { name: 'label' }],
    });
    expect(res.status).toBe(200);
    const [top, label] = res.json<{ outputs: { shape: number[]; data: string[] }[] }>().outputs;
    expect(top.shape).toEqual([3, 3]);
    expect(top.data.map((s) => s.split(':').slice(1).join(':'))).toEqual([
      '0:setosa',
      '1:versicolor',
      '2:virginica',
      '1:versicolor',
      '2:virginica',
      '0:setosa',
      '2:virginica',
      '1:versicolor',
      '0:setosa',
    ]);
    expect(Number(top.data[0].split(':')[0])).toBeGreaterThan(0.9);
    expect(label.data).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it.each([
    [
      { classification: 0 },
      'probabilities',
      'parameters.classification must be a positive integer, not 0',
    ],
    [{ classification: 2 }, 'label', 'classification needs a numeric output, not BYTES'],
  ])('refuses classification %j on %s', async (parameters, output, message) => {
    const res = await call(app, 'POST', '/v2/models/iris/infer', {
      inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: IRIS_ROWS[0] }],
      outputs: [{ name: output, parameters }],
    });
    expect(res.status).toBe(400);
    expect(res.json<{ error: string }>().error).toContain(message);
  });
});

describe('/predict without DEFAULT_MODEL in the repository', () => {
  it('is a 404 that says what to set', async () => {
    const app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS });
    try {
      const res = await call(app, 'POST', '/predict', ['a']);
      expect(res.status).toBe(404);
      expect(res.json<{ error: string }>().error).toBe(
        "POST /predict answers with DEFAULT_MODEL 'langid', which the model repository does not have: set DEFAULT_MODEL, or POST /predict/{model}",
      );
      const simple = await call(app, 'POST', '/predict/simple', {
        instances: [new Array(16).fill(1)],
      });
      expect(simple.status).toBe(400);
    } finally {
      await app.close();
    }
  });

  it('serves another DEFAULT_MODEL', async () => {
    const app = await startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS, DEFAULT_MODEL: 'iris' });
    try {
      expect((await call(app, 'POST', '/predict', IRIS_ROWS)).json()).toEqual([
        'setosa',
        'versicolor',
        'virginica',
      ]);
    } finally {
      await app.close();
    }
  });
});
