/** One model directory as found on disk, before anything is loaded. */
export interface ModelSource {
  readonly name: string;
  /** config.json text, undefined when the model has none. */
  readonly configText: string | undefined;
  readonly versions: readonly VersionSource[];
  /** Set when the directory itself cannot be served (escapes the repository, unreadable config). */
  readonly error?: string;
}

export interface VersionSource {
  readonly version: number;
  /** Real path of the version directory, checked to lie inside the repository: where external data must lie. */
  readonly dir: string;
  /** Real path of model.onnx, checked to lie inside the repository. */
  readonly file: string;
  /** model.onnx size and mtime when scanned: what the poller compares to see a change. */
  readonly size: number;
  readonly mtimeMs: number;
}

/** What a model's files looked like: config.json text and each version's size and mtime. */
export function fingerprintOf(source: ModelSource): string {
  const versions = source.versions.map((v) => `${v.version}:${v.size}:${v.mtimeMs}`).join(',');
  return `${source.error ?? ''}|${source.configText ?? ''}|${versions}`;
}
