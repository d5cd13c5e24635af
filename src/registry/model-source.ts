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
  /** Real path of model.onnx, checked to lie inside the repository. */
  readonly file: string;
}
