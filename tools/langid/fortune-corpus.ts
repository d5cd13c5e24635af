import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Where one language's fortunes are: a Debian package and files under its fortunes folder. */
export interface FortuneSource {
  readonly language: string;
  readonly packageName: string;
  /** A folder or a file, relative to /usr/share/games/fortunes. */
  readonly path: string;
  /** File names to leave out: ASCII art, other languages. */
  readonly exclude?: readonly string[];
}

/** Debian's fortune collections in the 30 languages (about ten have one). */
export const FORTUNE_SOURCES: readonly FortuneSource[] = [
  { language: 'bg', packageName: 'fortunes-bg', path: 'bg' },
  // fortunes-cs also ships Slovak (klasik-sk, and the sk/ folder).
  { language: 'cs', packageName: 'fortunes-cs', path: 'cs', exclude: ['klasik-sk'] },
  { language: 'de', packageName: 'fortunes-de', path: 'de' },
  {
    language: 'en',
    packageName: 'fortunes',
    path: '.',
    exclude: ['art', 'ascii-art', 'translate-me'],
  },
  { language: 'es', packageName: 'fortunes-es', path: 'es' },
  { language: 'it', packageName: 'fortunes-it', path: 'it', exclude: ['banner'] },
  { language: 'pl', packageName: 'fortunes-pl', path: 'pl' },
  { language: 'pt', packageName: 'fortunes-br', path: 'brasil' },
  { language: 'ru', packageName: 'fortunes-ru', path: 'ru' },
  // The other two files of fortunes-zh are classical poems (Tang and Song), not today's Chinese.
  { language: 'zh', packageName: 'fortunes-zh', path: 'chinese' },
];

/**
 * The fortunes of one source, each as one line of text, in file order (files sorted by name).
 * Files that are not UTF-8 are skipped rather than guessed at.
 */
export function readFortunes(source: FortuneSource, packageRoot: string): string[] {
  const base = join(packageRoot, 'usr', 'share', 'games', 'fortunes', source.path);
  const files = statSync(base).isDirectory()
    ? readdirSync(base)
        .filter((f) => !/\.(dat|u8)$/.test(f) && !(source.exclude ?? []).includes(f))
        .sort()
        .map((f) => join(base, f))
        .filter((f) => statSync(f).isFile())
    : [base];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return files.flatMap((file) => {
    try {
      return parseFortunes(decoder.decode(readFileSync(file)));
    } catch {
      return [];
    }
  });
}

/** Terminal colour codes (ESC [ … m), which some fortunes carry. */
const ANSI = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, 'g');
const ATTRIBUTION = /^\s*(--|―|—)/;
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;

/**
 * A fortune file's entries (separated by lines of `%`), as single lines: colour codes and
 * attribution lines ("-- Author") removed, wrapped lines joined (with no space after a Han
 * or kana character, where the line break is only layout).
 */
export function parseFortunes(text: string): string[] {
  return text
    .split(/^%\s*$/m)
    .map((entry) => {
      let out = '';
      for (const raw of entry.replace(ANSI, '').split('\n')) {
        const line = raw.trim();
        if (line === '' || ATTRIBUTION.test(line)) continue;
        out += out === '' || WIDE.test(out) ? line : ` ${line}`;
      }
      return out.replace(/\s+/g, ' ').trim();
    })
    .filter((f) => f.length > 0);
}
