import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { clientText } from '../common/client-text';
import { externalDataLocations } from './onnx-external-data';
import { isWithin } from './real-path';

/** ONNX Runtime reads a location starting with this tag from process memory, not from a file. */
const MEMORY_TAG = '*/_ORT_MEM_ADDR_/*';

/**
 * Refuses a model whose tensors read external data from anywhere but a file inside its version
 * directory. ONNX Runtime opens these files itself at load time, relative to the folder it is
 * given (the working directory when none is), so a model file could otherwise hand back `.env`,
 * `/etc/passwd` or `../other_model/1/weights.bin` as a tensor. Throws with the reason; resolves
 * when every location is a regular file whose real path (symlinks resolved) lies inside
 * `realVersionDir`.
 */
export async function checkExternalData(realVersionDir: string, model: Uint8Array): Promise<void> {
  let locations: string[];
  try {
    locations = externalDataLocations(model);
  } catch (e) {
    throw new Error(`model.onnx does not parse as an ONNX protobuf: ${(e as Error).message}`);
  }
  for (const location of locations) {
    const problem = await problemOf(realVersionDir, location);
    if (problem) throw new Error(`external data '${clientText(location)}' ${problem}`);
  }
}

async function problemOf(dir: string, location: string): Promise<string | undefined> {
  if (location.startsWith(MEMORY_TAG)) return 'names process memory, not a file';
  if (location === '' || location.includes('\0')) return 'is not a file name';
  if (path.isAbsolute(location))
    return 'is an absolute path: external data must lie in the version directory';
  const joined = path.resolve(dir, location);
  if (!isWithin(dir, joined)) return 'escapes the version directory';
  const real = await fs.realpath(joined).catch(() => undefined);
  if (real === undefined) return 'does not exist in the version directory';
  if (!isWithin(dir, real)) return 'resolves outside the version directory';
  const stat = await fs.stat(real);
  return stat.isFile() ? undefined : 'is not a regular file';
}
