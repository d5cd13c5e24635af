import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One YAML document of a manifest file, parsed to plain data. */
export interface ManifestDoc {
  /** Path as given to readManifests. */
  readonly file: string;
  /** Position of the document in its file, from 0. */
  readonly index: number;
  readonly object: Record<string, unknown>;
}

/** `<file>#<index> <kind>/<name>`: how problems name a document. */
export function docLabel(doc: ManifestDoc): string {
  const meta = doc.object.metadata as { name?: unknown } | undefined;
  return `${doc.file}#${doc.index} ${String(doc.object.kind)}/${String(meta?.name)}`;
}

/** Every document of a YAML file; a syntax error or a document that is not a mapping throws. */
export function readManifests(file: string): ManifestDoc[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
  return docs.map((doc, index) => {
    if (doc.errors.length > 0) throw new Error(`${file}#${index}: ${doc.errors[0].message}`);
    const object: unknown = doc.toJS();
    if (object === null || typeof object !== 'object' || Array.isArray(object)) {
      throw new Error(`${file}#${index}: a manifest must be a mapping`);
    }
    return { file, index, object: object as Record<string, unknown> };
  });
}

/** The manifest files of a directory: every *.yaml but kustomization.yaml, sorted. */
export function manifestFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') && basename(name) !== 'kustomization.yaml')
    .sort()
    .map((name) => join(dir, name));
}
