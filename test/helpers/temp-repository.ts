import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_MODELS } from './test-app';

/** One model of a temporary repository: a fixture's model.onnx under a name and config of the test's choosing. */
export interface TempModel {
  readonly name: string;
  /** Directory name under test/fixtures/models whose version 1 model.onnx is copied. */
  readonly from: string;
  readonly config: Record<string, unknown>;
}

/** A throwaway model repository, so a test can give a model settings (delays, queues) of its own. */
export function tempRepository(models: readonly TempModel[]): { path: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'perch-repo-'));
  for (const m of models) {
    mkdirSync(join(root, m.name, '1'), { recursive: true });
    copyFileSync(
      join(FIXTURE_MODELS, m.from, '1', 'model.onnx'),
      join(root, m.name, '1', 'model.onnx'),
    );
    writeFileSync(join(root, m.name, 'config.json'), JSON.stringify(m.config));
  }
  return { path: root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
