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
  /** Real path of model.onnx, checked to lie inside the repository; undefined for a handler without one. */
  readonly file: string | undefined;
  /** model.onnx size and mtime when scanned (0 without one): what the poller compares to see a change. */
  readonly size: number;
  readonly mtimeMs: number;
  /** The version's handler file (model.ts or model.js), when it has one. */
  readonly handler?: FileStamp;
}

/** A file's real path (inside the repository), size and mtime when scanned. */
export interface FileStamp {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** What one version's files looked like: model.onnx and the handler's size and mtime. */
export function versionStamp(v: VersionSource): string {
  const handler = v.handler ? `:${v.handler.size}:${v.handler.mtimeMs}` : '';
  return `${v.size}:${v.mtimeMs}${handler}`;
}

/** What a model's files looked like: config.json text and each version's size and mtime. */
export function fingerprintOf(source: ModelSource): string {
  const versions = source.versions.map((v) => `${v.version}:${versionStamp(v)}`).join(',');
  return `${source.error ?? ''}|${source.configText ?? ''}|${versions}`;
}
