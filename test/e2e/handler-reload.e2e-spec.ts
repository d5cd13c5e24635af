import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, startApp, TestApp } from '../helpers/test-app';
import { HANDLER_FIXTURES, handlerRepository } from '../helpers/handler-repository';

const config = {
  backend: 'typescript',
  max_batch_size: 8,
  input: [{ name: 'name', data_type: 'TYPE_STRING', dims: [1] }],
  output: [{ name: 'greeting', data_type: 'TYPE_STRING', dims: [1] }],
};

/** A handler edited in place under MODEL_CONTROL_MODE=poll while clients keep calling it. */
describe('MODEL_CONTROL_MODE=poll: a handler file edited in place', () => {
  let app: TestApp;
  let repo: { path: string; remove(): void };
  let stop = false;
  const outcomes: { status: number; greeting?: string }[] = [];
  let traffic: Promise<void>;

  beforeAll(async () => {
    repo = handlerRepository([{ name: 'greeter', from: 'greeter.js', as: 'model.js', config }]);
    app = await startApp({
      MODEL_REPOSITORY: repo.path,
      MODEL_CONTROL_MODE: 'poll',
      REPOSITORY_POLL_SECONDS: '1',
    });
    traffic = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!stop) {
          const res = await call(app, 'POST', '/predict/greeter', [{ name: 'ada' }]);
          outcomes.push({
            status: res.status,
            greeting:
              res.status === 200 ? res.json<{ greeting: string }[]>()[0].greeting : undefined,
          });
        }
      }),
    ).then(() => undefined);
  });

  afterAll(async () => {
    stop = true;
    await traffic;
    await app.close();
    repo.remove();
  });

  it('serves the new code after the reload, with zero failed requests', async () => {
    const source = readFileSync(join(HANDLER_FIXTURES, 'greeter.js'), 'utf8');
    for (const greeting of ['bonjour', 'guten tag']) {
      writeFileSync(
        join(repo.path, 'greeter', '1', 'model.js'),
        source.replace("'hello'", JSON.stringify(greeting)),
      );
      const t0 = Date.now();
      while (Date.now() - t0 < 15_000 && outcomes.at(-1)?.greeting !== greeting)
        await new Promise((r) => setTimeout(r, 50));
      expect(outcomes.at(-1)?.greeting).toBe(greeting);
    }
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    expect(new Set(outcomes.map((o) => o.greeting))).toEqual(
      new Set(['hello', 'bonjour', 'guten tag']),
    );
    expect(outcomes.length).toBeGreaterThan(50);
  });
});
