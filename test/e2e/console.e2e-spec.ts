import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { call, EXAMPLE_MODELS, startApp, TestApp } from '../helpers/test-app';

const API_KEY = 'console-e2e-key-0123456789';
const ADMIN_TOKEN = 'console-e2e-admin-token-0123456789';
/** Debian's chromium (apt-get install chromium); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** CONSOLE_SCREENSHOTS=docs/images rewrites the screenshots the README shows. */
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS;

const rowOf = (page: Page, model: string) =>
  page.locator('#models tbody tr').filter({ has: page.locator(`a:text-is("${model}")`) });

describe('the console in headless chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  /** Everything the page reported as an error: CSP violations, script errors, failed loads. */
  const problems: string[] = [];
  const prompts: string[] = [];
  const failures: string[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startApp({
        MODEL_REPOSITORY: EXAMPLE_MODELS,
        ENABLE_REPOSITORY_API: 'true',
        API_KEYS: API_KEY,
        ADMIN_TOKEN,
      }),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    // Failed loads are reported as console errors too; they are checked by URL below.
    page.on(
      'console',
      (m) =>
        m.type() === 'error' && !m.text().startsWith('Failed to load') && problems.push(m.text()),
    );
    page.on(
      'response',
      (r) => r.status() >= 400 && failures.push(`${r.status()} ${new URL(r.url()).pathname}`),
    );
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      prompts.push(d.message());
      void d.accept(/admin/i.test(d.message()) ? ADMIN_TOKEN : API_KEY);
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sends a browser from / to the console, which asks for the API key and lists every model READY', async () => {
    await page.goto(`${app.url}/`);
    expect(new URL(page.url()).pathname).toBe('/console');
    await page.locator('#models').waitFor();
    expect(prompts).toEqual(['This server needs an API key:']);
    for (const model of ['iris', 'langid', 'mlp', 'simple', 'simple_string'])
      await expect(rowOf(page, model).locator('.state').textContent()).resolves.toBe('READY');
    expect(await page.locator('#server').textContent()).toMatch(/^perch .*model_repository/);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'console-models.png') });
  });

  it('runs langid on three lines of text from the model view, one answer per line', async () => {
    await rowOf(page, 'langid').locator('a').click();
    await page
      .locator('#try-it textarea')
      .fill('Test this language\nCeci est une phrase en français.\n慢走。');
    await page.locator('#try-it button[type=submit]').click();
    await page.locator('#answers tbody tr').nth(2).waitFor();
    const labels = page.locator('#answers tbody tr td:nth-child(2)');
    expect(await labels.allTextContents()).toEqual(['en', 'fr', 'zh']);
    // The statistics panel counts the request (it refreshes after each run).
    await page.locator('#stats tbody td:nth-child(2)').filter({ hasText: /^1$/ }).waitFor();
    expect(await page.locator('#config').textContent()).toContain('"max_batch_size": 256');
    if (SCREENSHOTS)
      await page.screenshot({ path: join(SCREENSHOTS, 'console-model.png'), fullPage: true });
  });

  it("shows the server's error for a bad input", async () => {
    await page.goto(`${app.url}/console#/models/simple`);
    const data = page.locator('#try-it textarea[name=INPUT0]');
    await data.waitFor();
    await data.fill(JSON.stringify(['x', ...new Array<number>(15).fill(1)]));
    await page.locator('#try-it button[type=submit]').click();
    const error = page.locator('#result .error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(
      /^400: input 'INPUT0' \(INT32\): element 0 is "x", expected an integer/,
    );
  });

  it('unloads and reloads a model with the admin token', async () => {
    await page.goto(`${app.url}/console#/`);
    await rowOf(page, 'simple').locator('button[data-action=unload]').click();
    await rowOf(page, 'simple')
      .locator('.state', { hasText: /^UNAVAILABLE$/ })
      .waitFor();
    expect(await rowOf(page, 'simple').textContent()).toContain('unloaded');
    expect(prompts).toContain('Admin token (ADMIN_TOKEN) for the repository API:');
    expect(
      (await call(app, 'GET', '/v2/models/simple/ready', undefined, { 'X-API-Key': API_KEY }))
        .status,
    ).toBe(404);
    await rowOf(page, 'simple').locator('button[data-action=load]').click();
    await rowOf(page, 'simple')
      .locator('.state', { hasText: /^READY$/ })
      .waitFor();
    expect(
      (await call(app, 'GET', '/v2/models/simple/ready', undefined, { 'X-API-Key': API_KEY }))
        .status,
    ).toBe(200);
  });

  it('ran under its Content-Security-Policy without a single violation or script error', async () => {
    const res = await call(app, 'GET', '/console');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(problems).toEqual([]);
    // The only error answers: the 401 before the key was given, and the bad input's 400.
    expect(failures).toEqual(['401 /v2', '400 /v2/models/simple/infer']);
  });
});

describe('CONSOLE_ENABLED=false', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS, CONSOLE_ENABLED: 'false' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 404 for the console and for a browser at /', async () => {
    for (const path of ['/console', '/console/console.js', '/']) {
      const res = await call(app, 'GET', path, undefined, { Accept: 'text/html' });
      expect([path, res.status, res.json()]).toEqual([
        path,
        404,
        { error: 'the console is off: set CONSOLE_ENABLED=true' },
      ]);
    }
  });
});
