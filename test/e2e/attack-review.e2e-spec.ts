import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { residentMiB } from '../helpers/proc-status';
import { httpRequest, sendRaw } from '../helpers/raw-http';
import { simpleInputs, tempRepository } from '../helpers/temp-repository';
import { call, EXAMPLE_MODELS, FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

/**
 * Regression tests for the attack review's findings 1, 2, 3, 6 and 9 (issue #18), each against
 * the real server; the e2e project runs them on Express and again on Fastify.
 */
const KEY = 'inference-key-1';
const ADMIN = 'admin-token-0123456789abcdef';
const INFER = '/v2/models/simple/infer';
const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');
const SIMPLE = { inputs: simpleInputs(1) };

/** 100 MB of zeros in about a hundred bytes: what the review sent. */
const BROTLI_BOMB = brotliCompressSync(Buffer.alloc(100 * 1024 * 1024), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
});

/** Headers and the first bytes of a body that never finishes arriving. */
function hangingBody(path: string, headers: Record<string, string>): Buffer {
  return httpRequest('POST', path, undefined, {
    'content-length': String(10 * 1024 * 1024),
    'content-encoding': 'gzip',
    ...headers,
  });
}

/** Probes /health/live every 20 ms while `work` runs; the slowest answer, in ms. */
async function slowestProbeDuring(app: TestApp, work: Promise<unknown>): Promise<number> {
  let done = false;
  let slowest = 0;
  const probing = (async () => {
    while (!done) {
      const t = performance.now();
      await fetch(`${app.url}/health/live`).then((r) => r.text());
      slowest = Math.max(slowest, performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await work.finally(() => (done = true));
  await probing;
  return slowest;
}

describe('finding 1: the repository API with API_KEYS', () => {
  it('refuses to start without ADMIN_TOKEN, naming the variables', () => {
    const res = spawnSync(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NO_COLOR: '1',
        PORT: '0',
        MODEL_REPOSITORY: EXAMPLE_MODELS,
        API_KEYS: 'k',
        MODEL_CONTROL_MODE: 'explicit',
        STARTUP_MODELS: '*',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(res.status).toBe(1);
    expect(`${res.stdout}${res.stderr}`).toContain(
      'perch failed to start: invalid configuration: ADMIN_TOKEN must be set when API_KEYS is set and the repository API is on',
    );
  });

  it('warns at start-up when the repository API is open to everyone', async () => {
    const app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS, ENABLE_REPOSITORY_API: 'true' });
    try {
      expect(app.output()).toContain(
        'the repository API (load, unload, file upload) answers every client',
      );
    } finally {
      await app.close();
    }
  });
});

describe('with API_KEYS and ADMIN_TOKEN (findings 1, 2, 9)', () => {
  let app: TestApp;
  let repo: { path: string; remove(): void };
  beforeAll(async () => {
    repo = tempRepository([{ name: 'simple', from: 'simple', config: { max_batch_size: 8 } }]);
    app = await startApp({
      MODEL_REPOSITORY: repo.path,
      API_KEYS: KEY,
      ADMIN_TOKEN: ADMIN,
      MODEL_CONTROL_MODE: 'explicit',
      STARTUP_MODELS: '*',
      AUTH_FAILURES_PER_MINUTE: '0',
    });
  });
  afterAll(async () => {
    await app.close();
    repo.remove();
  });

  it('answers no repository call without the admin token, and writes nothing', async () => {
    const unload = await call(app, 'POST', '/v2/repository/models/simple/unload');
    expect(unload.status).toBe(401);
    const asKey = await call(app, 'POST', '/v2/repository/models/simple/unload', undefined, {
      authorization: `Bearer ${KEY}`,
    });
    expect(asKey.status).toBe(403);
    const planted = await call(app, 'POST', '/v2/repository/models/planted/load', {
      parameters: { config: '{}', 'file:1/model.onnx': Buffer.from('onnx').toString('base64') },
    });
    expect(planted.status).toBe(401);
    expect(existsSync(join(repo.path, 'planted'))).toBe(false);
    expect((await call(app, 'POST', '/v2/repository/index')).status).toBe(401);
    expect((await call(app, 'POST', INFER, SIMPLE, { 'x-api-key': KEY })).status).toBe(200);
  });

  it('refuses a request without a key before reading its body, and closes the connection', async () => {
    const res = await sendRaw(app, hangingBody(INFER, {}), 3000);
    expect(res.status).toBe(401);
    expect(res.headers.connection).toBe('close');
    const admin = await sendRaw(app, hangingBody('/v2/repository/models/simple/load', {}), 3000);
    expect(admin.status).toBe(401);
  });

  it('inflates no bomb for a client without a key', async () => {
    const before = residentMiB(app.pid).rss;
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        call(app, 'POST', INFER, BROTLI_BOMB, { 'content-encoding': 'br' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(new Array(16).fill(401));
    // Each bomb inflated to 64 MiB (the review saw 1.39 GB); unread, they cost nothing.
    expect(residentMiB(app.pid).peak - before).toBeLessThan(100);
  });

  it('stops a bomb with a valid key once it inflates past MAX_INFLATE_RATIO', async () => {
    const before = residentMiB(app.pid).rss;
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        call(app, 'POST', INFER, BROTLI_BOMB, { 'content-encoding': 'br', 'x-api-key': KEY }),
      ),
    );
    for (const a of answers) {
      expect(a.status).toBe(413);
      expect(a.json<{ error: string }>().error).toContain('MAX_INFLATE_RATIO');
    }
    expect(residentMiB(app.pid).peak - before).toBeLessThan(100);
    const gzipped = await call(app, 'POST', INFER, gzipSync(JSON.stringify(SIMPLE)), {
      'content-encoding': 'gzip',
      'x-api-key': KEY,
    });
    expect(gzipped.status).toBe(200);
  });

  it('shows models on /metrics and /health/ready only to a client with a key', async () => {
    const metrics = await call(app, 'GET', '/metrics');
    expect(metrics.status).toBe(401);
    expect((await call(app, 'GET', '/metrics', undefined, { 'x-api-key': KEY })).text).toContain(
      'model="simple"',
    );
    const ready = await call(app, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
    const detailed = await call(app, 'GET', '/health/ready', undefined, { 'x-api-key': KEY });
    expect(detailed.json()).toMatchObject({ status: 'ok', info: { models: { status: 'up' } } });
    const wrong = await call(app, 'GET', '/health/ready', undefined, { 'x-api-key': 'nope' });
    expect(wrong.json()).toEqual({ status: 'ok' });
  });
});

describe('finding 6: the rate limit counts clients, not the keys they make up', () => {
  let open: TestApp;
  let keyed: TestApp;
  beforeAll(async () => {
    [open, keyed] = await Promise.all([
      startApp({ MODEL_REPOSITORY: FIXTURE_MODELS, RATE_LIMIT_RPS: '2' }),
      startApp({
        MODEL_REPOSITORY: FIXTURE_MODELS,
        API_KEYS: KEY,
        RATE_LIMIT_RPS: '100',
        AUTH_FAILURES_PER_MINUTE: '5',
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([open.close(), keyed.close()]);
  });

  it('without API_KEYS, a random X-API-Key per request buys no extra requests', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await call(open, 'GET', '/v2/models/simple', undefined, {
        'x-api-key': `random-${i}-${Math.random()}`,
      });
      statuses.push(res.status);
    }
    // Two a second per address: at most four 200s even if the run straddles a second.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
  });

  it('limits failed authentications per address, while a valid key still passes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push(
        (await call(keyed, 'GET', '/v2/models/simple', undefined, { 'x-api-key': `wrong-${i}` }))
          .status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual(new Array(5).fill(401));
    expect(statuses.slice(5)).toEqual(new Array(15).fill(429));
    const limited = await call(keyed, 'GET', '/v2/models/simple');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.json<{ error: string }>().error).toContain('AUTH_FAILURES_PER_MINUTE');
    // Refused before the body is read, as a 401 is.
    expect((await sendRaw(keyed, hangingBody(INFER, {}), 3000)).status).toBe(429);
    expect(
      (await call(keyed, 'GET', '/v2/models/simple', undefined, { 'x-api-key': KEY })).status,
    ).toBe(200);
    expect((await call(keyed, 'GET', '/health/live')).status).toBe(200);
  });
});

describe('finding 3: small requests that would hold the event loop or take gigabytes', () => {
  let app: TestApp;
  beforeAll(async () => {
    // No ratio limit here, so the bodies reach the JSON checks behind it.
    app = await startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS, MAX_INFLATE_RATIO: '0' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses 30 million nested brackets before parsing them, and probes stay quick', async () => {
    const bomb = gzipSync(Buffer.from('['.repeat(30_000_000)));
    const request = call(app, 'POST', '/v2/models/iris/infer', bomb, {
      'content-encoding': 'gzip',
    });
    const slowest = await slowestProbeDuring(app, request);
    const res = await request;
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ error: 'body is nested deeper than 32 levels' });
    // The review saw 8.8 s and a 3.27 GB peak.
    expect(slowest).toBeLessThan(2000);
    expect(residentMiB(app.pid).peak).toBeLessThan(800);
  });

  it('bounds the text one request may hand a string model (MAX_REQUEST_STRING_BYTES)', async () => {
    const texts = new Array(60).fill('a'.repeat(1024 * 1024));
    const body = gzipSync(JSON.stringify(texts));
    const request = call(app, 'POST', '/predict/langid', body, { 'content-encoding': 'gzip' });
    const slowest = await slowestProbeDuring(app, request);
    const res = await request;
    expect(res.status).toBe(413);
    expect(res.json<{ error: string }>().error).toContain(
      "the request's BYTES elements hold 62914560 bytes together; MAX_REQUEST_STRING_BYTES is 4194304",
    );
    expect(slowest).toBeLessThan(2000);
    // The review saw 2.7 GB.
    expect(residentMiB(app.pid).peak).toBeLessThan(1000);
    const ok = await call(app, 'POST', '/predict', JSON.stringify(['Ceci est une phrase.']));
    expect(ok.json()).toEqual(['fr']);
  });
});
