import fc from 'fast-check';
import {
  binaryRequest,
  FuzzRequest,
  headerRequest,
  simpleInfer,
  v1Request,
  v2JsonRequest,
  versionedPredict,
} from '../helpers/hostile-requests';
import { RawReply, sendRaw } from '../helpers/raw-http';
import { FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

/**
 * Property tests against one real server (requests in test/helpers/hostile-requests.ts). Every
 * answer is below 500 and every error exactly `{"error": "..."}` without a stack; a request valid
 * by construction gets its exact answer; and a well-formed request sent right after each one gets
 * the exact right answer. FUZZ_SEED replays a run: on failure fast-check prints the seed, the
 * path to the failing case and the shrunk request.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 72026);
const RUNS = { v2Json: 800, binary: 600, headers: 500, v1: 600 };

describe('fuzz: hostile input never breaks the server', () => {
  let app: TestApp;
  const statuses: Record<string, Record<number, number>> = {};
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS });
  });
  afterAll(async () => {
    const count = (t: Record<number, number>) => Object.values(t).reduce((a, b) => a + b, 0);
    const runs = Object.values(statuses).reduce((n, t) => n + count(t), 0);
    // The total is quoted in the project's notes; the status mix shows how deep the runs got.
    console.log(`fuzz: ${runs} runs, seed ${SEED}; statuses ${JSON.stringify(statuses)}`);
    await app?.close();
  });

  async function send(property: string, request: FuzzRequest): Promise<RawReply> {
    const res = await sendRaw(app, request.bytes);
    const tally = (statuses[property] ??= {});
    tally[res.status] = (tally[res.status] ?? 0) + 1;
    return res;
  }

  /** The contract for one fuzzed request, then a well-formed request of the same protocol. */
  const holds =
    (property: string, wellFormed: (n: number) => FuzzRequest) =>
    async (request: FuzzRequest): Promise<void> => {
      expectAnswer(await send(property, request), request.expected);
      const check = wellFormed(Object.values(statuses[property]).reduce((a, b) => a + b, 0));
      expectAnswer(await sendRaw(app, check.bytes), check.expected);
    };
  const v2Check = (n: number) => simpleInfer(row(n), new Array(16).fill(1));
  const v1Check = (n: number) => versionedPredict([n, n + 0.5]);
  const run = (property: keyof typeof RUNS, requests: fc.Arbitrary<FuzzRequest>, check = v2Check) =>
    fc.assert(fc.asyncProperty(requests, holds(property, check)), {
      seed: SEED,
      numRuns: RUNS[property],
    });

  it(`V2 JSON: random values, mutations of valid bodies, valid bodies (${RUNS.v2Json} runs)`, () =>
    run('v2Json', v2JsonRequest));
  it(`binary extension: random bytes, sizes and header lengths (${RUNS.binary} runs)`, () =>
    run('binary', binaryRequest));
  it(`random header sets (${RUNS.headers} runs)`, () => run('headers', headerRequest));
  it(`V1 and /predict: random, mutated and valid bodies (${RUNS.v1} runs)`, () =>
    run('v1', v1Request, v1Check));

  it('is still running, and never logged a crash or a 500', async () => {
    const state = await Promise.race([
      app.exited().then((code) => `exited with ${code}`),
      new Promise((r) => setTimeout(() => r('running'), 50)),
    ]);
    expect(state).toBe('running');
    expect(app.output()).not.toMatch(/uncaught|unhandled/i);
    const errors = app
      .output()
      .split('\n')
      .filter((l) => l.includes('"context":"Errors"') && l.includes('"level":"error"'));
    expect(errors).toEqual([]);
  });
});

const row = (n: number): number[] => Array.from({ length: 16 }, (_, i) => (n % 1000) + i);

/** Below 500; an error in the one format; the exact answer when the request was valid. */
function expectAnswer(res: RawReply, expected: unknown): void {
  expect(res.status).toBeLessThan(500);
  if (expected !== undefined) {
    expect({ status: res.status, body: res.text }).toMatchObject({ status: 200 });
    expect(JSON.parse(res.text)).toEqual(expected);
  }
  if (res.status < 400) return;
  expect(res.headers['content-type']).toBe('application/json');
  const json = JSON.parse(res.text) as Record<string, unknown>;
  expect(Object.keys(json)).toEqual(['error']);
  expect(typeof json.error).toBe('string');
  expect(res.text).not.toMatch(/\n\s+at |\.js:\d+/);
}
