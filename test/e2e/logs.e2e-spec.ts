import { httpRequest, sendRaw } from '../helpers/raw-http';
import { call, FIXTURE_MODELS, startApp, TestApp, waitForOutput } from '../helpers/test-app';

type Line = Record<string, unknown>;

const infer = {
  inputs: ['INPUT0', 'INPUT1'].map((name) => ({
    name,
    shape: [1, 16],
    datatype: 'INT32',
    data: new Array(16).fill(1),
  })),
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every complete JSON line the server printed (stdout is a pipe, so no pretty printing). */
function lines(app: TestApp): Line[] {
  return app
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{') && l.endsWith('}'))
    .map((l) => JSON.parse(l) as Line);
}

/** Request lines are written when the response finishes, which may be just after the client has it. */
async function requestLines(app: TestApp, count: number): Promise<Line[]> {
  const completed = () => lines(app).filter((l) => l.msg === 'request completed');
  await waitForOutput(app, () => completed().length >= count);
  return completed();
}

describe('structured logs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  it('writes every line as JSON, the start-up lines included', () => {
    const text = app.output().trim().split('\n');
    expect(text.every((l) => l.startsWith('{'))).toBe(true);
    const messages = lines(app).map((l) => String(l.msg));
    expect(messages.some((m) => m.startsWith('Perch listening on http://'))).toBe(true);
    expect(messages.some((m) => m.startsWith('model repository loaded'))).toBe(true);
  });

  it('starts with the lines a person needs: the URL, where to look, then every model and its state', () => {
    const info = lines(app).filter((l) => l.level !== 'debug');
    const port = new URL(app.url).port;
    expect(info.slice(0, 2).map((l) => l.msg)).toEqual([
      `Perch listening on http://127.0.0.1:${port} (models: ${FIXTURE_MODELS})`,
      `console http://127.0.0.1:${port}/console · API docs http://127.0.0.1:${port}/docs (OpenAPI: http://127.0.0.1:${port}/openapi.json)`,
    ]);
    const summary = String(info.find((l) => String(l.msg).startsWith('model repository'))?.msg);
    expect(summary).toMatch(/^model repository loaded: 8 models, \d+ versions not ready: /);
    expect(summary).toContain('simple v1 READY');
    expect(summary).toMatch(/corrupt v1 UNAVAILABLE \(failed to load: /);
    // Nest's narration (modules, routes) and the configuration are debug lines, not shown here.
    expect(app.output()).not.toMatch(/Mapped \{|dependencies initialized|configuration: /);
    // What comes before the summary: the two lines above, a ready or failed line per version, warnings.
    const before = info.slice(
      0,
      info.findIndex((l) => l.msg === summary),
    );
    expect(before.filter((l) => !l.event && l.level === 'info')).toHaveLength(2);
  });

  it('logs each model lifecycle step with its fields, failures with the reason', () => {
    const events = lines(app).filter((l) => typeof l.event === 'string');
    // Loading lines are debug: at the default level the ready or failed line says it all.
    expect(events.filter((l) => l.event === 'model_loading')).toEqual([]);
    expect(events).toContainEqual(
      expect.objectContaining({
        event: 'model_ready',
        model: 'simple',
        version: '1',
        duration_ms: expect.any(Number),
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        event: 'model_failed',
        model: 'corrupt',
        level: 'error',
        reason: expect.stringMatching(/^failed to load: /),
      }),
    );
  });

  it('writes one line per request, probes and metrics excepted, with the request id echoed', async () => {
    const before = (await requestLines(app, 0)).length;
    const given = await call(app, 'POST', '/v2/models/simple/infer', infer, {
      'X-Request-Id': 'e2e-trace.42',
      Authorization: 'Bearer TOPSECRET-TOKEN',
      'X-Api-Key': 'TOPSECRET-KEY',
    });
    const generated = await call(app, 'POST', '/v2/models/simple/versions/1/infer', infer);
    const insane = await call(app, 'GET', '/v2/models/simple', undefined, {
      'X-Request-Id': 'has spaces and "quotes"',
    });
    const notFound = await call(app, 'GET', '/v2/models/nope');
    for (const probe of [
      '/health/live',
      '/health/ready',
      '/v2/health/live',
      '/v2/health/ready',
      '/metrics',
    ]) {
      await call(app, 'GET', probe);
    }
    expect([given.status, generated.status, insane.status, notFound.status]).toEqual([
      200, 200, 200, 404,
    ]);
    expect(given.headers.get('x-request-id')).toBe('e2e-trace.42');
    expect(generated.headers.get('x-request-id')).toMatch(UUID);
    expect(insane.headers.get('x-request-id')).toMatch(UUID);
    expect(notFound.headers.get('x-request-id')).toMatch(UUID);

    const all = await requestLines(app, before + 4);
    const mine = all.slice(before);
    expect(mine.map((l) => l.path)).toEqual([
      '/v2/models/simple/infer',
      '/v2/models/simple/versions/1/infer',
      '/v2/models/simple',
      '/v2/models/nope',
    ]);
    expect(mine[0]).toEqual(
      expect.objectContaining({
        level: 'info',
        request_id: 'e2e-trace.42',
        method: 'POST',
        model: 'simple',
        version: '1',
        status: 200,
        duration_ms: expect.any(Number),
        req_bytes: JSON.stringify(infer).length,
        // As sent: fetch asks for gzip, and the answer is compressed (fetch hands back the text).
        res_bytes: Number(given.headers.get('content-length')),
      }),
    );
    expect(mine[1]).toMatchObject({ request_id: generated.headers.get('x-request-id') });
    expect(mine[3]).toMatchObject({
      status: 404,
      request_id: notFound.headers.get('x-request-id'),
    });
    expect(app.output()).not.toContain('TOPSECRET');
  });

  it('tags the error line of a bad request with its request id', async () => {
    const before = (await requestLines(app, 0)).length;
    await call(app, 'POST', '/v2/models/simple/infer', '{"inputs": [', { 'X-Request-Id': 'bad-1' });
    await requestLines(app, before + 1);
    const tagged = lines(app).filter((l) => l.request_id === 'bad-1');
    expect(tagged.map((l) => [l.level, l.context ?? l.msg])).toEqual([
      ['warn', 'Errors'],
      ['info', 'request completed'],
    ]);
  });
});

describe('query strings (they may carry tokens)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  it('never reach a log line, the error lines included', async () => {
    const query = '?token=QUERY-SECRET-1&x=QUERY-SECRET-2';
    const answers = [
      await call(app, 'GET', `/v2/models/x${query}`),
      await call(app, 'GET', `/v2/nothing${query}`),
      await call(app, 'GET', `/v2/models/simple/versions/0${query}`),
      await call(app, 'POST', `/v2/models/simple/infer${query}`, '{"inputs": ['),
      await sendRaw(
        app,
        httpRequest('GET', `/v2/models/simple${query}`, undefined, { expect: 'x' }),
      ),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 400, 400, 417]);
    // The unknown route's answer names the path the client asked for, without its query.
    expect(answers[1].text).toBe('{"error":"Cannot GET /v2/nothing"}');
    const output = await waitForOutput(app, (o) => (o.match(/→ 4\d\d/g) ?? []).length >= 5);
    const errorLines = lines(app).filter((l) => /→ 4\d\d/.test(String(l.msg)));
    expect(errorLines.map((l) => String(l.msg).split(' → ')[0])).toEqual([
      'GET /v2/models/x',
      'GET /v2/nothing',
      'GET /v2/models/simple/versions/0',
      'POST /v2/models/simple/infer',
      'GET /v2/models/simple',
    ]);
    expect(output).not.toContain('QUERY-SECRET');
  });
});

describe('LOG_FORMAT', () => {
  it('pretty: one readable line per entry even when stdout is not a terminal', async () => {
    const pretty = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS, LOG_FORMAT: 'pretty' });
    await pretty.close();
    const text = pretty.output().trim().split('\n');
    expect(text.some((l) => l.startsWith('{'))).toBe(false);
    expect(text[0]).toMatch(/^\[[\d:.]+\] INFO: Perch listening on http:\/\/127\.0\.0\.1:\d+ /);
  });
});

describe('LOG_LEVEL', () => {
  // (error and warn hide the start-up lines the test helper waits for; their mapping to pino
  // levels is covered by root-logger.spec.ts.)
  it('keeps Nest level names: debug also logs probes, at debug', async () => {
    const debug = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS, LOG_LEVEL: 'debug' });
    try {
      await call(debug, 'GET', '/health/live');
      const [probe] = await requestLines(debug, 1);
      expect(probe).toMatchObject({ level: 'debug', path: '/health/live', status: 200 });
    } finally {
      await debug.close();
    }
  });
});
