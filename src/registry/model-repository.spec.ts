import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelRepository } from './model-repository';

describe('ModelRepository', () => {
  let base: string;
  let root: string;
  const repo = new ModelRepository();

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'perch-repo-'));
    root = join(base, 'models');
    const outside = join(base, 'outside');
    mkdirSync(join(outside, '1'), { recursive: true });
    writeFileSync(join(outside, '1', 'model.onnx'), 'secret');
    writeFileSync(join(outside, 'config.json'), '{}');
    mkdirSync(join(root, 'good', '2'), { recursive: true });
    mkdirSync(join(root, 'good', '10'), { recursive: true });
    mkdirSync(join(root, 'good', '01'), { recursive: true });
    mkdirSync(join(root, 'good', 'notes'), { recursive: true });
    writeFileSync(join(root, 'good', '2', 'model.onnx'), 'a');
    writeFileSync(join(root, 'good', '10', 'model.onnx'), 'b');
    writeFileSync(join(root, 'good', '01', 'model.onnx'), 'c');
    writeFileSync(join(root, 'good', 'config.json'), '{"max_batch_size": 1}');
    mkdirSync(join(root, 'linked_file', '1'), { recursive: true });
    symlinkSync(join(outside, '1', 'model.onnx'), join(root, 'linked_file', '1', 'model.onnx'));
    mkdirSync(join(root, 'linked_config'), { recursive: true });
    symlinkSync(join(outside, 'config.json'), join(root, 'linked_config', 'config.json'));
    symlinkSync(outside, join(root, 'linked_dir'));
    mkdirSync(join(root, 'bad name'), { recursive: true });
    mkdirSync(join(root, '.hidden'), { recursive: true });
    writeFileSync(join(root, 'README.txt'), 'not a model');
  });

  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('finds numeric version directories with a model.onnx, ascending', async () => {
    const sources = await repo.scan(await repo.resolveRoot(root));
    const good = sources.find((s) => s.name === 'good');
    expect(good?.versions.map((v) => v.version)).toEqual([2, 10]);
    expect(good?.configText).toBe('{"max_batch_size": 1}');
  });

  it('skips version directories past Number.MAX_SAFE_INTEGER, which a number cannot hold', async () => {
    for (const v of ['9007199254740991', '9007199254740992', '9999999999999999']) {
      mkdirSync(join(root, 'good', v));
      writeFileSync(join(root, 'good', v, 'model.onnx'), 'd');
    }
    const sources = await repo.scan(await repo.resolveRoot(root));
    const good = sources.find((s) => s.name === 'good');
    expect(good?.versions.map((v) => v.version)).toEqual([2, 10, 9007199254740991]);
  });

  it('skips invalid names, hidden entries and plain files', async () => {
    const names = (await repo.scan(await repo.resolveRoot(root))).map((s) => s.name);
    expect(names).toEqual(['good', 'linked_config', 'linked_dir', 'linked_file']);
  });

  it('never follows a link out of the repository', async () => {
    const sources = await repo.scan(await repo.resolveRoot(root));
    const byName = new Map(sources.map((s) => [s.name, s]));
    expect(byName.get('linked_dir')?.error).toBe('directory resolves outside the model repository');
    expect(byName.get('linked_config')?.error).toBe(
      'config.json resolves outside the model repository',
    );
    expect(byName.get('linked_file')?.versions).toEqual([]);
  });

  it.each([
    ['a file beside config.json', 'labels.txt', 'a\nb\n'],
    ['a file in a subfolder', 'notes/labels.txt', 'c\n'],
  ])('reads a side file: %s', async (_case, file, text) => {
    writeFileSync(join(root, 'good', file), text);
    await expect(repo.readSideFile(await repo.resolveRoot(root), 'good', file)).resolves.toBe(text);
  });

  it.each([
    ['a missing file', 'nope.txt', 'does not exist or resolves outside'],
    ['a path out of the repository', '../../outside/config.json', 'resolves outside'],
    ['a link out of the repository', 'linked.txt', 'resolves outside'],
    ['a directory', 'notes', 'is not a regular file'],
    ['a file over 1 MiB', 'big.txt', 'is not a regular file of at most 1048576 bytes'],
  ])('refuses %s', async (_case, file, message) => {
    symlinkSync(join(base, 'outside', 'config.json'), join(root, 'good', 'linked.txt'));
    writeFileSync(join(root, 'good', 'big.txt'), Buffer.alloc(1024 * 1024 + 1));
    await expect(repo.readSideFile(await repo.resolveRoot(root), 'good', file)).rejects.toThrow(
      message,
    );
  });

  it('refuses a missing repository with its path', async () => {
    await expect(repo.resolveRoot(join(base, 'nope'))).rejects.toThrow(
      `MODEL_REPOSITORY ${join(base, 'nope')} does not exist`,
    );
  });
});
