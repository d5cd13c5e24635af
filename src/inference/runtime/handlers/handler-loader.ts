import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import { compileFunction } from 'node:vm';
import * as handlerApi from '../../../handlers';

/** The module specifier a handler imports Perch's API by. */
export const HANDLER_API = 'perch/handler';

/** A handler file's default export: a class Perch instantiates once per session. */
export type HandlerClass = new () => object;

/**
 * Reads, transpiles and evaluates one handler file, on the calling (pool) thread, and returns its
 * default export. `.ts` is stripped of its types by sucrase (pure JS, no compiler, keeps line
 * numbers so stack traces point at the author's lines); both `.ts` and `.js` may use `import` /
 * `export`. The file is read afresh each time, so a reload sees the edit. `perch/handler`
 * resolves to Perch's own API wherever the repository lives; any other `require` resolves from
 * the handler's directory (Node's cache applies to those files). Rejects with the reason.
 */
export async function loadHandlerClass(file: string): Promise<HandlerClass> {
  // Loaded with the first handler, so threads of a server without any never load it.
  const { transform } = await import('sucrase');
  const source = readFileSync(file, 'utf8');
  const transforms: ('typescript' | 'imports')[] = file.endsWith('.ts')
    ? ['typescript', 'imports']
    : ['imports'];
  const { code } = transform(source, { transforms, filePath: file, production: true });
  const evaluate = compileFunction(
    code,
    ['exports', 'require', 'module', '__filename', '__dirname'],
    { filename: file },
  );
  const base = createRequire(file);
  // Not named `require`: compiled `import()` calls the module's own require.
  const handlerRequire = Object.assign(
    (id: string): unknown => (id === HANDLER_API ? handlerApi : base(id)),
    { resolve: base.resolve, cache: base.cache },
  );
  const module: { exports: unknown } = { exports: {} };
  evaluate.call(module.exports, module.exports, handlerRequire, module, file, dirname(file));
  const exported = defaultExport(module.exports);
  if (typeof exported !== 'function') {
    throw new Error(
      `${basename(file)} must default-export a class (it exports ${describe(exported)})`,
    );
  }
  return exported as HandlerClass;
}

function defaultExport(exports: unknown): unknown {
  if (typeof exports === 'object' && exports !== null && 'default' in exports)
    return (exports as { default: unknown }).default;
  return exports;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'nothing' : 'an object';
  return `a ${typeof value}`;
}
