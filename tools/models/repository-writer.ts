import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `<repo>/<name>/<version>/model.onnx`, creating folders as needed. */
export function writeModel(repo: string, name: string, version: number, bytes: Uint8Array): void {
  const dir = join(repo, name, String(version));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), bytes);
}

/** Writes `<repo>/<name>/config.json`, pretty-printed with a final newline. */
export function writeConfig(repo: string, name: string, config: object): void {
  mkdirSync(join(repo, name), { recursive: true });
  writeFileSync(join(repo, name, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** One tensor entry of config.json's `input`/`output` lists (Triton's names). */
export function tensorConfig(name: string, dataType: string, dims: number[]): object {
  return { name, data_type: dataType, dims };
}
