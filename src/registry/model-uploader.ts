import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MODEL_NAME_PATTERN } from '../common/model-name';

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
    if (!MODEL_NAME_PATTERN.test(name)) throw new Error(`invalid model name '${name}'`);
    const modelDir = path.join(realRoot, name);
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
