import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnpackedPackage } from './debian-packages';
import { parseMoCatalog } from './mo-catalog';

/**
 * Debian packages whose gettext catalogs make the software-strings evaluation set: menus,
 * dialogs, command-line messages, in all 30 languages. This genre is only ever evaluated on,
 * never trained on, so it measures text the model has not seen the like of.
 */
export const CATALOG_PACKAGES: readonly string[] = [
  'apt',
  'coreutils',
  'gnome-control-center-data',
  'libglib2.0-data',
  'libgtk-3-common',
  'network-manager',
  'util-linux-locales',
  'xfce4-panel',
];

/** Locale folders per language where the code alone is not the folder name. */
const LOCALES: Readonly<Record<string, readonly string[]>> = {
  pt: ['pt', 'pt_BR'],
  zh: ['zh_CN', 'zh_TW'],
};

/**
 * Every distinct cleaned message of a language in the packages' catalogs, sorted. English
 * comes from the originals (msgid); other languages from translations that differ from the
 * original (an untranslated message is English, not the language of its catalog).
 */
export function catalogStrings(language: string, packages: readonly UnpackedPackage[]): string[] {
  const found = new Set<string>();
  const locales = language === 'en' ? ['de'] : (LOCALES[language] ?? [language]);
  for (const pkg of packages) {
    for (const locale of locales) {
      const dir = join(pkg.root, 'usr', 'share', 'locale', locale, 'LC_MESSAGES');
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir)
        .filter((f) => f.endsWith('.mo'))
        .sort()) {
        for (const m of parseMoCatalog(readFileSync(join(dir, file)))) {
          if (m.translation === '' || m.translation === m.original) continue;
          const text = cleanMessage(language === 'en' ? m.original : m.translation);
          if (/[\p{L}]/u.test(text)) found.add(text);
        }
      }
    }
  }
  return [...found].sort();
}

/**
 * A message as a user would see it: printf and brace placeholders, keyboard accelerators
 * (_File, &Open), markup tags and escaped newlines removed, spaces collapsed.
 */
export function cleanMessage(message: string): string {
  return message
    .replace(/%(\d+\$)?[-+ #0']*(\d+|\*)?(\.\d+)?(hh|h|ll|l|L|z|j|t|I64)?[diouxXeEfgGcsSpn%]/g, ' ')
    .replace(/%\([a-z_]+\)[sd]/gi, ' ')
    .replace(/\$?\{[^}]*\}/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\\[nt]|\n|\t/g, ' ')
    .replace(/\((_|&)\p{L}\)/gu, '')
    .replace(/(^|[^\p{L}])[_&](?=\p{L})/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
