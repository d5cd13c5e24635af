import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphBuilder } from '../../tools/models/onnx-builder';
import { ElemType } from '../../tools/models/onnx-proto';
import { checkExternalData } from './external-data';

/** A model whose one initializer reads 4 bytes from `location`. */
const reading = (location: string): Uint8Array =>
  new GraphBuilder('external')
    .external('w', ElemType.UINT8, [4], location, 4)
    .node('Identity', ['w'], ['y'])
    .output('y', ElemType.UINT8, [4])
    .build();

describe('checkExternalData', () => {
  let base: string;
  let version: string;

  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'perch-external-')));
    version = join(base, 'models', 'm', '1');
    mkdirSync(join(version, 'weights'), { recursive: true });
    writeFileSync(join(version, 'weights.bin'), 'abcd');
    writeFileSync(join(version, 'weights', 'w.bin'), 'abcd');
    writeFileSync(join(base, '.env'), 'SECRET=1');
    writeFileSync(join(base, 'models', 'm', 'config.json'), '{}');
    symlinkSync(join(base, '.env'), join(version, 'link.bin'));
    symlinkSync(base, join(version, 'up'));
  });

  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it.each(['weights.bin', 'weights/w.bin', './weights.bin', 'weights/../weights.bin'])(
    'accepts %s, a file inside the version directory',
    async (location) => {
      await expect(checkExternalData(version, reading(location))).resolves.toBeUndefined();
    },
  );

  it('accepts a model without external data', async () => {
    const plain = new GraphBuilder('plain').floats('w', [1], [1]).build();
    await expect(checkExternalData(version, plain)).resolves.toBeUndefined();
  });

  it.each<[string, () => string, RegExp]>([
    ['the .env beside the repository', () => '../../../.env', /escapes the version directory/],
    ['the model config beside it', () => '../config.json', /escapes the version directory/],
    ['an absolute path', () => join(base, '.env'), /is an absolute path/],
    ['/etc/passwd', () => '/etc/passwd', /is an absolute path/],
    ['a symlink to a file outside', () => 'link.bin', /resolves outside the version directory/],
    [
      'a path through a symlinked folder',
      () => 'up/.env',
      /resolves outside the version directory/,
    ],
    ['a missing file', () => 'missing.bin', /does not exist in the version directory/],
    ['a directory', () => 'weights', /is not a regular file/],
    ['the version directory itself', () => '.', /is not a regular file/],
    ['an empty location', () => '', /is not a file name/],
    ['process memory', () => '*/_ORT_MEM_ADDR_/*', /names process memory/],
  ])('refuses %s', async (_case, location, reason) => {
    await expect(checkExternalData(version, reading(location()))).rejects.toThrow(reason);
  });

  it('quotes a long location cut short', async () => {
    const location = `${'x/'.repeat(500)}../../../../../.env`;
    const error = await checkExternalData(version, reading(location)).catch((e: Error) => e);
    expect((error as Error).message.length).toBeLessThan(200);
  });

  it('refuses bytes that are not a model', async () => {
    await expect(checkExternalData(version, Buffer.from('junk'))).rejects.toThrow(
      /model.onnx does not parse as an ONNX protobuf/,
    );
  });
});
