import { Injectable, Logger } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  MAX_VERSION,
  MODEL_NAME_PATTERN,
  parseVersion,
  VERSION_PATTERN,
} from '../common/model-name';
import { FileStamp, ModelSource, VersionSource } from './model-source';
import { realPathInside } from './real-path';

const MODEL_FILE = 'model.onnx';
/** A version's handler: the first of these found (Triton's python backend looks for model.py). */
export const HANDLER_FILES = ['model.ts', 'model.js'] as const;
const CONFIG_FILE = 'config.json';
/** Largest side file (a label file) read from a model directory. */
const MAX_SIDE_FILE_BYTES = 1024 * 1024;

/**
 * Discovery only: reads the repository layout `<name>/<version>/model.onnx` + `<name>/config.json`.
 * Every path is resolved to its real path and must stay inside the repository root, so a symlink
 * or an odd name can never make the server read elsewhere. Holds no state.
 */
@Injectable()
export class ModelRepository {
  private readonly logger = new Logger(ModelRepository.name);

  /** Real path of the root; fails when it does not exist, which stops the boot. */
  async resolveRoot(root: string): Promise<string> {
    const real = await fs.realpath(root).catch(() => {
      throw new Error(`MODEL_REPOSITORY ${root} does not exist or cannot be read`);
    });
    if (!(await fs.stat(real)).isDirectory())
      throw new Error(`MODEL_REPOSITORY ${root} is not a directory`);
    return real;
  }

  /** One model directory; undefined when it does not exist (or is not a valid name). */
  async scanModel(realRoot: string, name: string): Promise<ModelSource | undefined> {
    if (!MODEL_NAME_PATTERN.test(name)) return undefined;
    const exists = await fs.lstat(path.join(realRoot, name)).then(
      () => true,
      () => false,
    );
    return exists ? this.readModel(realRoot, name) : undefined;
  }

  async scan(realRoot: string): Promise<ModelSource[]> {
    const entries = await fs.readdir(realRoot, { withFileTypes: true });
    const sources: ModelSource[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
      if (!MODEL_NAME_PATTERN.test(entry.name)) {
        this.logger.warn(`skipping '${entry.name}': not a valid model name`);
        continue;
      }
      sources.push(await this.readModel(realRoot, entry.name));
    }
    return sources;
  }

  /** The model file's bytes, re-checking that it still resolves inside the repository. */
  async readModelFile(realRoot: string, source: VersionSource): Promise<Buffer> {
    const real = source.file && (await realPathInside(realRoot, source.file));
    if (!real) throw new Error(`${MODEL_FILE} is missing or resolves outside the model repository`);
    return fs.readFile(real);
  }

  /** The handler file's real path and text, re-checking that it still resolves inside the repository. */
  async readHandlerFile(
    realRoot: string,
    source: VersionSource,
  ): Promise<{ file: string; text: string }> {
    const real = source.handler && (await realPathInside(realRoot, source.handler.file));
    if (!real)
      throw new Error('the handler file is missing or resolves outside the model repository');
    return { file: real, text: await fs.readFile(real, 'utf8') };
  }

  /**
   * A file config.json names (label_filename), relative to the model's directory. Like every
   * path, it must resolve inside the repository; it is read whole, so it is capped at 1 MiB.
   */
  async readSideFile(realRoot: string, model: string, file: string): Promise<string> {
    const real = await realPathInside(realRoot, path.join(realRoot, model, file));
    if (!real) throw new Error(`${file} does not exist or resolves outside the model repository`);
    const stat = await fs.stat(real);
    if (!stat.isFile() || stat.size > MAX_SIDE_FILE_BYTES)
      throw new Error(`${file} is not a regular file of at most ${MAX_SIDE_FILE_BYTES} bytes`);
    return fs.readFile(real, 'utf8');
  }

  private async readModel(realRoot: string, name: string): Promise<ModelSource> {
    const dir = await realPathInside(realRoot, path.join(realRoot, name));
    if (!dir || !(await fs.stat(dir)).isDirectory()) {
      return {
        name,
        configText: undefined,
        versions: [],
        error: 'directory resolves outside the model repository',
      };
    }
    let configText: string | undefined;
    try {
      configText = await readInside(realRoot, path.join(dir, CONFIG_FILE));
    } catch (e) {
      return { name, configText: undefined, versions: [], error: (e as Error).message };
    }
    return { name, configText, versions: await this.readVersions(realRoot, name, dir) };
  }

  private async readVersions(
    realRoot: string,
    name: string,
    dir: string,
  ): Promise<VersionSource[]> {
    const versions: VersionSource[] = [];
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (!VERSION_PATTERN.test(entry.name)) continue;
      const version = parseVersion(entry.name);
      if (version === undefined) {
        this.logger.warn(`skipping '${name}/${entry.name}': versions stop at ${MAX_VERSION}`);
        continue;
      }
      const versionDir = await realPathInside(realRoot, path.join(dir, entry.name));
      if (!versionDir) continue;
      const model = await stampOf(realRoot, versionDir, MODEL_FILE);
      let handler: FileStamp | undefined;
      for (const name of HANDLER_FILES) handler ??= await stampOf(realRoot, versionDir, name);
      if (model || handler) {
        versions.push({
          version,
          dir: versionDir,
          file: model?.file,
          size: model?.size ?? 0,
          mtimeMs: model?.mtimeMs ?? 0,
          ...(handler && { handler }),
        });
      }
    }
    return versions.sort((a, b) => a.version - b.version);
  }
}

/** `name` in the version directory, when it is a regular file resolving inside the repository. */
async function stampOf(
  realRoot: string,
  versionDir: string,
  name: string,
): Promise<FileStamp | undefined> {
  const file = await realPathInside(realRoot, path.join(versionDir, name));
  const stat = file ? await fs.stat(file).catch(() => undefined) : undefined;
  return file && stat?.isFile() ? { file, size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
}

async function readInside(realRoot: string, file: string): Promise<string | undefined> {
  const exists = await fs.lstat(file).then(
    () => true,
    () => false,
  );
  if (!exists) return undefined;
  const real = await realPathInside(realRoot, file);
  if (!real) throw new Error(`${CONFIG_FILE} resolves outside the model repository`);
  return fs.readFile(real, 'utf8');
}
