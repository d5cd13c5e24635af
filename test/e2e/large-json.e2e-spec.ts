import { tempRepository } from '../helpers/temp-repository';
import { call, startApp, TestApp } from '../helpers/test-app';

/** 20,000 rows of simple's two 16-wide inputs: 1.3 MB of JSON, past OFF_LOOP_JSON_BYTES (256 KiB). */
const ROWS = 20_000;
const INFER = '/v2/models/simple/infer';

/** Row r of INPUT0 is r mod 100 in every column, INPUT1 is 1: OUTPUT0 is their sum, OUTPUT1 the difference. */
const input0 = (r: number): number[] => new Array<number>(16).fill(r % 100);
const input1 = (): number[] => new Array<number>(16).fill(1);

/** `last`, when given, is the text of INPUT0's last row. */
function v2Body(rows: number, last?: string): string {
  const a = Array.from({ length: rows }, (_, r) =>
    r === rows - 1 && last !== undefined ? last : `[${input0(r).join(',')}]`,
  ).join(',');
  const b = Array.from({ length: rows }, () => `[${input1().join(',')}]`).join(',');
  return (
    `{"id":"big","inputs":[{"name":"INPUT0","shape":[${rows},16],"datatype":"INT32","data":[${a}]},` +
    `{"name":"INPUT1","shape":[${rows},16],"datatype":"INT32","data":[${b}]}]}`
  );
}

describe('large JSON bodies and answers, on the JSON thread', () => {
  let app: TestApp;
  let repo: { path: string; remove(): void };

  const decodedOffLoop = async (): Promise<number> => {
    const text = (await call(app, 'GET', '/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith('perch_json_thread_jobs_total '));
    return Number(line?.split(' ')[1]);
  };

  beforeAll(async () => {
    repo = tempRepository([
      {
        name: 'simple',
        from: 'simple',
        config: { max_batch_size: ROWS, parameters: { dynamic_batching: 'off' } },
      },
    ]);
    app = await startApp({
      MODEL_REPOSITORY: repo.path,
      MAX_REQUEST_BYTES: String(8 * 1024 * 1024),
    });
  });

  afterAll(async () => {
    await app?.close();
    repo?.remove();
  });

  it('answers a large V2 body as it answers a small one, every row in place', async () => {
    const before = await decodedOffLoop();
    const body = v2Body(ROWS);
    expect(body.length).toBeGreaterThan(256 * 1024);
    const reply = await call(app, 'POST', INFER, body);
    expect(reply.status).toBe(200);
    const answer = reply.json<{
      id: string;
      outputs: { name: string; shape: number[]; data: number[] }[];
    }>();
    expect(answer.id).toBe('big');
    const sum = answer.outputs.find((o) => o.name === 'OUTPUT0');
    expect(sum?.shape).toEqual([ROWS, 16]);
    const expected = Array.from({ length: ROWS }, (_, r) => input0(r).map((v) => v + 1)).flat();
    expect(sum?.data).toEqual(expected);
    expect(await decodedOffLoop()).toBe(before + 1);

    const small = await call(app, 'POST', INFER, v2Body(3));
    expect(small.json<{ outputs: { name: string; data: number[] }[] }>().outputs[0].data).toEqual(
      expected.slice(0, 3 * 16),
    );
    expect(await decodedOffLoop()).toBe(before + 1);
  });

  it.each([
    ['malformed JSON in its last row', '[1,2', /^malformed JSON in request body/],
    [
      'a value out of INT32 range',
      `[2147483648${',1'.repeat(15)}]`,
      /^input 'INPUT0' \(INT32\): element 319984 is 2147483648, expected an integer in/,
    ],
    [
      'a string among the numbers',
      `["x"${',1'.repeat(15)}]`,
      /^input 'INPUT0' \(INT32\): element 319984 is "x"/,
    ],
  ])('refuses a large body with %s, with 400 naming it', async (_, last, message) => {
    const reply = await call(app, 'POST', INFER, v2Body(ROWS, last));
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({ error: expect.stringMatching(message) });
    expect((await call(app, 'GET', '/health/live')).status).toBe(200);
  });

  it('refuses a large body for an unknown model with 404, after reading it', async () => {
    const reply = await call(app, 'POST', '/v2/models/nope/infer', v2Body(ROWS));
    expect(reply.status).toBe(404);
  });

  it('answers a large KServe V1 body row by row, its body decoded on the JSON thread and its answer written in slices', async () => {
    const rows = 10_000;
    const instances = Array.from({ length: rows }, (_, r) => ({
      INPUT0: input0(r),
      INPUT1: input1(),
    }));
    const body = JSON.stringify({ instances });
    expect(body.length).toBeGreaterThan(256 * 1024);
    const before = await decodedOffLoop();
    const reply = await call(app, 'POST', '/v1/models/simple:predict', body);
    expect(reply.status).toBe(200);
    const { predictions } = reply.json<{
      predictions: { OUTPUT0: number[]; OUTPUT1: number[] }[];
    }>();
    expect(predictions).toHaveLength(rows);
    expect(predictions[rows - 1]).toEqual({
      OUTPUT0: input0(rows - 1).map((v) => v + 1),
      OUTPUT1: input0(rows - 1).map((v) => v - 1),
    });
    expect(await decodedOffLoop()).toBe(before + 1);
  });

  it('answers a large /predict body, a bare list in and a bare list out', async () => {
    const rows = 10_000;
    const body = JSON.stringify(
      Array.from({ length: rows }, (_, r) => ({ INPUT0: input0(r), INPUT1: input1() })),
    );
    expect(body.length).toBeGreaterThan(256 * 1024);
    const before = await decodedOffLoop();
    const reply = await call(app, 'POST', '/predict/simple', body);
    expect(reply.status).toBe(200);
    const predictions = reply.json<number[][]>();
    expect(predictions).toHaveLength(rows);
    expect(predictions[rows - 1]).toEqual(input0(rows - 1).map((v) => v + 1));
    expect(await decodedOffLoop()).toBe(before + 1);
  });
});
