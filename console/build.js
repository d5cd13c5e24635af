// Builds the console into dist/console/static: src/ (with perch-client's sources) bundled and
// minified by esbuild into one script, beside the page and its stylesheet. Prints the sizes.
const { build } = require('esbuild');
const { copyFileSync, mkdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const out = join(__dirname, '..', 'dist', 'console', 'static');

async function main() {
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(__dirname, 'src', 'main.ts')],
    outfile: join(out, 'console.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'console.css']) copyFileSync(join(__dirname, 'static', file), join(out, file));
  const sizes = ['console.js', 'console.css', 'index.html'].map((f) => {
    const bytes = readFileSync(join(out, f));
    return `${f} ${bytes.length} B (gzip ${gzipSync(bytes).length} B)`;
  });
  if (process.argv.includes('--sizes')) console.log(`console bundle: ${sizes.join(', ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
