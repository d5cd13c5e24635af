import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_MODELS } from './test-app';

export const HANDLER_FIXTURES = join(__dirname, '..', 'fixtures', 'handlers');

/** One handler model of a temporary repository: a fixture handler file under a name and config. */
export interface HandlerModel {
  readonly name: string;
  /** File under test/fixtures/handlers, copied as version 1's `as`. */
  readonly from: string;
  readonly as: 'model.ts' | 'model.js';
  readonly config: Record<string, unknown>;
}

/** A throwaway repository of handler models, plus ONNX fixtures copied as they are (e.g. `simple`). */
export function handlerRepository(
  handlers: readonly HandlerModel[],
  onnx: readonly string[] = [],
): { path: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'perch-handlers-'));
  for (const h of handlers) {
    mkdirSync(join(root, h.name, '1'), { recursive: true });
    copyFileSync(join(HANDLER_FIXTURES, h.from), join(root, h.name, '1', h.as));
    writeFileSync(join(root, h.name, 'config.json'), JSON.stringify(h.config));
  }
  for (const name of onnx) {
    mkdirSync(join(root, name, '1'), { recursive: true });
    copyFileSync(
      join(FIXTURE_MODELS, name, '1', 'model.onnx'),
      join(root, name, '1', 'model.onnx'),
    );
    copyFileSync(join(FIXTURE_MODELS, name, 'config.json'), join(root, name, 'config.json'));
  }
  return { path: root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** config.json of a handler taking one BYTES field `fail` and answering an INT32 `batch`. */
export function troubleConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    backend: 'typescript',
    max_batch_size: 0,
    input: [{ name: 'fail', data_type: 'TYPE_STRING', dims: [1] }],
    output: [{ name: 'batch', data_type: 'TYPE_INT32', dims: [1] }],
    ...extra,
  };
}
