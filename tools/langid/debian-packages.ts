import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A Debian package unpacked for reading: where its files are and which version it was. */
export interface UnpackedPackage {
  readonly name: string;
  readonly version: string;
  /** The package's file tree: `${root}/usr/share/...`. */
  readonly root: string;
}

/**
 * Fetches Debian packages with `apt-get download` (no installation, no root, and none of the
 * image's dpkg path excludes, which drop /usr/share/locale on slim images) and unpacks each
 * with `dpkg-deb -x` into its own folder under `cacheDir`. A package already there is reused,
 * so a second build needs no network. The machine needs apt's package lists: `apt-get update`.
 */
export function unpackDebianPackages(
  names: readonly string[],
  cacheDir: string,
): UnpackedPackage[] {
  const debs = join(cacheDir, 'debs');
  mkdirSync(debs, { recursive: true });
  const findDeb = (name: string): string | undefined =>
    readdirSync(debs).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
  const missing = names.filter((n) => !findDeb(n));
  if (missing.length > 0) {
    try {
      execFileSync('apt-get', ['download', ...missing], { cwd: debs, stdio: 'inherit' });
    } catch {
      throw new Error(
        `apt-get download ${missing.join(' ')} failed: this needs Debian's apt with current package lists (run apt-get update)`,
      );
    }
  }
  return names.map((name) => {
    const deb = findDeb(name);
    if (!deb) throw new Error(`apt-get download left no ${name}_*.deb in ${debs}`);
    const root = join(cacheDir, 'unpacked', name);
    if (!existsSync(root)) {
      mkdirSync(root, { recursive: true });
      execFileSync('dpkg-deb', ['-x', join(debs, deb), root]);
    }
    // Debian file names escape the epoch's colon as %3a: tesseract-ocr-eng_1%3a4.1.0-2_all.deb.
    const version = decodeURIComponent(deb.slice(name.length + 1).replace(/_[^_]+\.deb$/, ''));
    return { name, version, root };
  });
}
