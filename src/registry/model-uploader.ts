import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { clientText } from '../common/client-text';
import { InvalidInputError } from '../common/errors/serving.errors';
import { MODEL_NAME_PATTERN } from '../common/model-name';
import { realPathInside } from './real-path';

/** One uploaded model file. */
export interface UploadedVersion {
  readonly version: number;
  readonly bytes: Buffer;
}

/**
 * Writes uploaded model versions (and their config.json) into the repository so that nothing
 * half-written can ever be loaded: each file goes to a hidden temporary directory inside the
 * repository (the scan skips dot-names), is fsynced, and is then renamed into place, which is
 * atomic on one filesystem. A crash mid-upload leaves at most a hidden temporary directory.
 */
@Injectable()
export class ModelUploader {
  async publish(
    realRoot: string,
    name: string,
    versions: readonly UploadedVersion[],
    configText?: string,
  ): Promise<void> {
    if (!MODEL_NAME_PATTERN.test(name))
      throw new InvalidInputError(`invalid model name '${clientText(name)}'`);
    const modelDir = path.join(realRoot, name);
    // Every directory is checked before anything is written, moved or deleted.
    await refuseUnsafeDirectory(realRoot, modelDir, `model '${name}'`);
    for (const { version } of versions) {
      await refuseUnsafeDirectory(
        realRoot,
        path.join(modelDir, String(version)),
        `model '${name}' version ${version}`,
      );
    }
    await fs.mkdir(modelDir, { recursive: true });
    for (const { version, bytes } of versions) {
      const staged = await this.stage(realRoot, 'model.onnx', bytes);
      await this.replace(realRoot, staged, path.join(modelDir, String(version)));
    }
    if (configText !== undefined) {
      const staged = await this.stage(realRoot, 'config.json', Buffer.from(configText));
      await fs.rename(path.join(staged, 'config.json'), path.join(modelDir, 'config.json'));
      await fs.rm(staged, { recursive: true, force: true });
    }
  }

  /** A hidden directory inside the repository holding `file`, written and fsynced. */
  private async stage(realRoot: string, file: string, bytes: Buffer): Promise<string> {
    const dir = path.join(realRoot, `.perch-upload-${randomBytes(6).toString('hex')}`);
    await fs.mkdir(dir);
    const handle = await fs.open(path.join(dir, file), 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return dir;
  }

  /** Renames `staged` to `target`, moving an existing `target` aside first and deleting it after. */
  private async replace(realRoot: string, staged: string, target: string): Promise<void> {
    const exists = await fs.stat(target).then(
      () => true,
      () => false,
    );
    const trash = path.join(realRoot, `.perch-old-${randomBytes(6).toString('hex')}`);
    if (exists) await fs.rename(target, trash);
    await fs.rename(staged, target);
    if (exists) await fs.rm(trash, { recursive: true, force: true });
  }
}

/**
 * Refuses to write into `dir` unless it is absent or a real directory (not a symlink) whose real
 * path lies inside the repository: the scanner's check, made before an upload touches anything, so
 * a symlinked model or version directory can never lead a write, a move or a delete outside.
 */
async function refuseUnsafeDirectory(realRoot: string, dir: string, what: string): Promise<void> {
  const stat = await fs.lstat(dir).catch(() => undefined);
  if (stat === undefined) return;
  if (stat.isSymbolicLink())
    throw new InvalidInputError(
      `${what}: the directory is a symbolic link; uploads never write through one`,
    );
  if (!stat.isDirectory())
    throw new InvalidInputError(`${what}: the path exists and is not a directory`);
  if ((await realPathInside(realRoot, dir)) !== dir)
    throw new InvalidInputError(`${what}: the directory resolves outside the model repository`);
}
