import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every variable EnvSchema reads must have its row in the README's configuration table. */
describe('README configuration table', () => {
  it('documents every environment variable of src/config', () => {
    const schema = readFileSync(join(__dirname, 'env.schema.ts'), 'utf8');
    const variables = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+)[?!]?[:= ]/gm)].map((m) => m[1]);
    expect(variables.length).toBeGreaterThan(20);
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const documented = new Set(
      [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]),
    );
    expect(variables.filter((v) => !documented.has(v))).toEqual([]);
  });
});
