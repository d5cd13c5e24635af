import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const PAGES = [
  'README.md',
  'clients/typescript/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1])));
}

/** Every relative link of a page: [path, anchor]. */
function links(page: string): [string, string | undefined][] {
  const text = readFileSync(join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((href) => !/^[a-z]+:/.test(href))
    .map((href) => {
      const [path, anchor] = href.split('#');
      return [path === '' ? page : join(dirname(page), path), anchor];
    });
}

describe('the README and docs/', () => {
  it('keep the README within 12,000 characters', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').length).toBeLessThanOrEqual(12_000);
  });

  it.each(PAGES)('%s links only to files and headings that exist', (page) => {
    const broken = links(page).filter(([path, anchor]) => {
      const file = join(ROOT, path);
      if (!existsSync(file)) return true;
      return anchor !== undefined && path.endsWith('.md') && !anchors(file).has(anchor);
    });
    expect(broken.map(([p, a]) => `${relative('.', p)}${a ? `#${a}` : ''}`)).toEqual([]);
  });
});
