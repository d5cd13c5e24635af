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

/**
 * `simple` running each request alone (dynamic batching, on by default for a batching model, off), and `slow_batched` (the batched fixture) holding requests up
 * to 300 ms to fill a batch of 4: what the metrics and statistics specs count.
 */
export function simpleAndSlowBatched(): { path: string; remove(): void } {
  return tempRepository([
    {
      name: 'simple',
      from: 'simple',
      config: { max_batch_size: 8, parameters: { dynamic_batching: 'off' } },
    },
    {
      name: 'slow_batched',
      from: 'batched',
      config: {
        max_batch_size: 8,
        dynamic_batching: { preferred_batch_size: [4], max_queue_delay_microseconds: 300000 },
      },
    },
  ]);
}

/** INPUT0 and INPUT1 of the simple/batched fixtures, `rows` rows of ones. */
export function simpleInputs(rows: number, datatype = 'INT32') {
  return ['INPUT0', 'INPUT1'].map((name) => ({
    name,
    shape: [rows, 16],
    datatype,
    data: new Array<number>(rows * 16).fill(1),
  }));
}
