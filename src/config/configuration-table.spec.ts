import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every variable EnvSchema reads must have its row in the table of docs/configuration.md. */
describe('configuration table (docs/configuration.md)', () => {
  it('documents every environment variable of src/config', () => {
    const schema = readFileSync(join(__dirname, 'env.schema.ts'), 'utf8');
    const variables = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+)[?!]?[:= ]/gm)].map((m) => m[1]);
    expect(variables.length).toBeGreaterThan(20);
    const table = readFileSync(join(__dirname, '..', '..', 'docs', 'configuration.md'), 'utf8');
    const documented = new Set(
      [...table.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]),
    );
    expect(variables.filter((v) => !documented.has(v))).toEqual([]);
  });
});
