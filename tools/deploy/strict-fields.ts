import { join } from 'node:path';
import * as ts from 'typescript';
import { KindModel } from './kubernetes-kinds';

/** One object to check against the TypeScript interface of its kind. */
export interface StrictInput {
  readonly label: string;
  readonly model: KindModel;
  readonly object: Record<string, unknown>;
}

/**
 * Strict validation, as `kubectl apply --validate=strict` or `kubeconform -strict` do it: the
 * OpenAPI schemas kubernetes-models validates with allow unknown fields, so a misspelt
 * `readinesProbe` would pass them. Here each object is written as an object literal typed with its
 * model's interface, and TypeScript's excess-property and type checks report the first wrong field
 * of each object, with its path. One program checks every input (about 2 s).
 * Returns the problems per label; labels without problems are absent.
 */
export function checkStrictFields(inputs: readonly StrictInput[]): Map<string, string[]> {
  const dir = join(__dirname, '__strict__');
  const sources = new Map<string, { text: string; label: string }>();
  inputs.forEach((input, i) => {
    const text =
      `import type { ${input.model.typeName} } from '${input.model.module}';\n` +
      `export const m: ${input.model.typeName} = ${JSON.stringify(input.object, null, 1)};\n`;
    sources.set(join(dir, `m${i}.ts`), { text, label: input.label });
  });

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, language, ...rest) => {
    const source = sources.get(file);
    return source
      ? ts.createSourceFile(file, source.text, language, true)
      : getSourceFile.call(host, file, language, ...rest);
  };
  host.fileExists = (file) => sources.has(file) || fileExists.call(host, file);
  host.readFile = (file) => sources.get(file)?.text ?? readFile.call(host, file);

  const program = ts.createProgram([...sources.keys()], options, host);
  const problems = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file;
    const source = file && sources.get(file.fileName);
    if (!file || !source || diagnostic.start === undefined) {
      throw new Error(
        `strict-fields: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
      );
    }
    const message = `${pathAt(file, diagnostic.start)}: ${lastLine(diagnostic.messageText)}`;
    problems.set(source.label, [...(problems.get(source.label) ?? []), message]);
  }
  return problems;
}

/** The JSON path (`spec.template.spec.containers[0].ports[0]`) of the literal at a position. */
function pathAt(file: ts.SourceFile, position: number): string {
  const chain: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (position >= node.getStart(file) && position < node.getEnd()) {
      chain.push(node);
      ts.forEachChild(node, visit);
    }
  };
  visit(file);
  let path = '';
  chain.forEach((node, i) => {
    if (ts.isPropertyAssignment(node) && ts.isStringLiteral(node.name))
      path += `.${node.name.text}`;
    const child = chain[i + 1];
    if (ts.isArrayLiteralExpression(node) && child)
      path += `[${node.elements.indexOf(child as ts.Expression)}]`;
  });
  return path.slice(1) || '(root)';
}

/** The most specific line of a diagnostic; an excess property becomes `unknown field`. */
function lastLine(message: string | ts.DiagnosticMessageChain): string {
  const lines = ts.flattenDiagnosticMessageText(message, '\n').split('\n');
  const line = lines[lines.length - 1].trim();
  if (line.startsWith('Object literal may only specify known properties')) return 'unknown field';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
