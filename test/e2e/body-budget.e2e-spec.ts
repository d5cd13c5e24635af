import { connect, Socket } from 'node:net';
import { httpRequest, sendRaw } from '../helpers/raw-http';
import { simpleInputs, tempRepository } from '../helpers/temp-repository';
import { call, startApp, TestApp } from '../helpers/test-app';

/** 4 MiB: one 1 MB JSON body (weighted by its parse cost, 10×) is past it on its own. */
const BUDGET = 4 * 1024 * 1024;
const INFER = '/v2/models/simple/infer';

describe('request body budget (MAX_INFLIGHT_BODY_BYTES)', () => {
  let app: TestApp;
  let repo: { path: string; remove(): void };
  const held: Socket[] = [];

  const metric = async (series: string): Promise<number> => {
    const text = (await call(app, 'GET', '/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? 0 : Number(line.slice(series.length + 1));
  };
  const until = async (done: () => Promise<boolean>): Promise<void> => {
    for (let i = 0; i < 200 && !(await done()); i++) await new Promise((r) => setTimeout(r, 20));
  };
  /** Sends a request's headers and the first bytes of a JSON body of `length` bytes, then stalls. */
  const stalledUpload = (length: number): Socket => {
    const socket = connect(Number(new URL(app.url).port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(
      httpRequest('POST', INFER, undefined, {
        'content-type': 'application/json',
        'content-length': String(length),
      }),
    );
    socket.write('{"inputs": [');
    held.push(socket);
    return socket;
  };
  const small = { inputs: simpleInputs(1) };

  beforeAll(async () => {
    repo = tempRepository([{ name: 'simple', from: 'simple', config: { max_batch_size: 8 } }]);
    app = await startApp({ MODEL_REPOSITORY: repo.path, MAX_INFLIGHT_BODY_BYTES: String(BUDGET) });
  });

  afterAll(async () => {
    held.forEach((s) => s.destroy());
    await app?.close();
    repo?.remove();
  });

  it('admits a body alone even when its weight is past the budget', async () => {
    const reply = await call(app, 'POST', INFER, small);
    expect(reply.status).toBe(200);
    expect(await metric('perch_inflight_body_bytes')).toBe(0);
  });

  it('answers 503 with Retry-After before reading the body once the budget is spent', async () => {
    // An oversized body (past half the budget) is admitted alone, charged half the budget.
    const upload = stalledUpload(1_000_000);
    await until(async () => (await metric('perch_inflight_body_bytes')) > 0);
    expect(await metric('perch_inflight_body_bytes')).toBe(BUDGET / 2);

    // A second oversized body, headers only: were the server to wait for it, no answer would come.
    const refused = await sendRaw(
      app,
      httpRequest('POST', INFER, undefined, {
        'content-type': 'application/json',
        'content-length': '300000',
      }),
    );
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(refused.text)).toEqual({
      error: expect.stringMatching(/MAX_INFLIGHT_BODY_BYTES=4194304.*retry/),
    });
    expect(await metric('perch_body_budget_rejections_total')).toBe(1);

    // Ordinary requests go on in the other half; probes and bodiless requests cost nothing.
    expect((await call(app, 'POST', INFER, small)).status).toBe(200);
    expect((await call(app, 'GET', '/health/live')).status).toBe(200);
    expect((await call(app, 'GET', '/v2/health/ready')).status).toBe(200);
    expect((await call(app, 'GET', '/v2/models/simple')).status).toBe(200);

    // The stalled upload gives its share back when its connection goes.
    upload.destroy();
    await until(async () => (await metric('perch_inflight_body_bytes')) === 0);
    expect(await metric('perch_inflight_body_bytes')).toBe(0);
    expect((await call(app, 'POST', INFER, small)).status).toBe(200);
  });

  it('refuses a chunked body that outgrows the budget while it is read, and stays live', async () => {
    // Half the budget held by an oversized body: a chunked one is admitted (it declares nothing),
    // then charged as it arrives, 256 KiB × 10 being more than the other half.
    const upload = stalledUpload(300_000);
    await until(async () => (await metric('perch_inflight_body_bytes')) > 0);
    const chunked = await sendRaw(
      app,
      Buffer.concat([
        httpRequest('POST', INFER, undefined, {
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
        }),
        Buffer.from('40000\r\n' + ' '.repeat(0x40000) + '\r\n'),
      ]),
    );
    expect(chunked.status).toBe(503);
    expect(chunked.headers['retry-after']).toBe('1');
    expect((await call(app, 'GET', '/health/live')).status).toBe(200);
    upload.destroy();
  });
});
