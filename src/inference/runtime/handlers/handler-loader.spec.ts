import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandlerError } from '../../../handlers';
import { loadHandlerClass } from './handler-loader';

describe('loadHandlerClass', () => {
  let dir: string;
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'perch-handler-'));
    writeFileSync(join(dir, 'labels.json'), '["a","b"]');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('strips the types of a .ts handler and resolves perch/handler to the API', async () => {
    const Handler = await loadHandlerClass(
      file(
        'model.ts',
        `import { HandlerError, type Handler } from 'perch/handler';
         interface Row { x: number }
         export default class Doubler implements Handler<Row, number> {
           private readonly factor: number = 2;
           postprocess(_o: unknown, rows: Row[]): number[] { return rows.map((r) => r.x * this.factor); }
           fail(): never { throw new HandlerError('NOT_FOUND', 'no such row'); }
         }`,
      ),
    );
    const instance = new Handler() as {
      postprocess(o: unknown, rows: { x: number }[]): number[];
      fail(): never;
    };
    expect(instance.postprocess(undefined, [{ x: 2 }])).toEqual([4]);
    expect(() => instance.fail()).toThrow(HandlerError);
  });

  it.each([
    ['CommonJS', 'module.exports = class A { predict() { return 1; } };'],
    ['ESM', 'export default class A { predict() { return 1; } }'],
  ])('loads a %s .js handler', async (_kind, text) => {
    const Handler = await loadHandlerClass(file('model.js', text));
    expect((new Handler() as { predict(): number }).predict()).toBe(1);
  });

  it("requires side files from the handler's own directory", async () => {
    const Handler = await loadHandlerClass(
      file(
        'side.js',
        "const labels = require('./labels.json'); module.exports = class { labels() { return labels; } };",
      ),
    );
    expect((new Handler() as { labels(): string[] }).labels()).toEqual(['a', 'b']);
  });

  it('reads the file afresh each time', async () => {
    file('fresh.js', 'module.exports = class { v() { return 1; } };');
    const first = await loadHandlerClass(join(dir, 'fresh.js'));
    file('fresh.js', 'module.exports = class { v() { return 2; } };');
    const second = await loadHandlerClass(join(dir, 'fresh.js'));
    expect((new first() as { v(): number }).v()).toBe(1);
    expect((new second() as { v(): number }).v()).toBe(2);
  });

  it.each([
    ['a TypeScript syntax error', 'bad.ts', 'export default class { oops( }', /Unexpected token/],
    ['a JavaScript syntax error', 'bad.js', 'module.exports = class { oops( };', /bad\.js/],
    ['a throw at top level', 'throws.js', "throw new Error('no licence file');", /no licence file/],
    [
      'no default export',
      'none.ts',
      'export const x = 1;',
      /must default-export a class \(it exports an object\)/,
    ],
    [
      'an exported object',
      'object.js',
      'module.exports = { predict() {} };',
      /must default-export a class/,
    ],
    ['nothing exported', 'empty.js', '', /must default-export a class \(it exports nothing\)/],
  ])('refuses %s', async (_case, name, text, error) => {
    await expect(loadHandlerClass(file(name, text))).rejects.toThrow(error);
  });
});
