import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerchClient } from '../../clients/typescript/src/index';
import { EXAMPLE_MODELS, startApp, TestApp } from '../helpers/test-app';

const ROOT = join(__dirname, '..', '..');

/** The first ```js block after `heading` in a markdown file. */
function example(file: string, heading: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const block = /```js\n([\s\S]*?)```/.exec(text.slice(text.indexOf(heading)));
  if (!block) throw new Error(`no js example under '${heading}' in ${file}`);
  return block[1];
}

/**
 * Runs `code` as an ES module with Node from the repository root, where `perch-client` resolves
 * to the built workspace package, with the server's URL in place of localhost:8080.
 */
function run(code: string, url: string): Promise<string> {
  const source = code.replaceAll('http://localhost:8080', url);
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--input-type=module', '-e', source],
      { cwd: ROOT, timeout: 20_000 },
      (e, stdout, stderr) => (e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve(stdout)),
    ),
  );
}

describe('the README examples, run against the bundled models', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  it("clients/typescript/README.md's ten-line example prints what its comment says", async () => {
    const code = example('clients/typescript/README.md', '## Example');
    expect(code.trim().split('\n').length).toBeLessThanOrEqual(10);
    const said = /\/\/ (.*)\n$/.exec(code)?.[1];
    expect(said).toBe('OUTPUT0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16');
    expect(await run(code, app.url)).toBe(`${said}\n`);
  });

  it("README.md's client example prints what its comment says", async () => {
    const code = example('README.md', '## The TypeScript client');
    const said = /\/\/ (.*)\n$/.exec(code)?.[1];
    expect(said).toBe("[ 'fr', 'en' ]");
    expect(await run(code, app.url)).toBe(`${said}\n`);
  });

  it("calls /predict with the server's default model", async () => {
    const perch = new PerchClient({ baseUrl: app.url });
    expect(await perch.predict<string>(['Ceci est une phrase en français.', '慢走。'])).toEqual([
      'fr',
      'zh',
    ]);
    expect(await perch.predict([[5.1, 3.5, 1.4, 0.2]], 'iris')).toEqual(['setosa']);
  });
});
