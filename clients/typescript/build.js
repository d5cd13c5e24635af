// Builds the package twice from src/: ES modules (dist/esm) and CommonJS (dist/cjs), each with
// its .d.ts files and a package.json naming its module type, so `import` and `require` both work.
const { execFileSync } = require('node:child_process');
const { rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const here = __dirname;
const tsc = require.resolve('typescript/bin/tsc');
rmSync(join(here, 'dist'), { recursive: true, force: true });
for (const [format, module] of [
  ['esm', 'ES2022'],
  ['cjs', 'CommonJS'],
]) {
  const outDir = join(here, 'dist', format);
  const resolution = format === 'esm' ? 'bundler' : 'node10';
  execFileSync(
    process.execPath,
    [tsc, '-p', join(here, 'tsconfig.json'), '--module', module, '--moduleResolution', resolution, '--outDir', outDir],
    { stdio: 'inherit' },
  );
  const type = format === 'esm' ? 'module' : 'commonjs';
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type }) + '\n');
}
