import { LoadedSession } from '../inference/runtime/model-runner';
import { ModelConfig, ModelSignature } from './model-config';

/** Lifecycle of one model version, after Triton's model_lifecycle.h. */
export type ModelState = 'LOADING' | 'READY' | 'UNLOADING' | 'UNAVAILABLE';

/** What the registry knows of one version. `session` and `signature` are set exactly when READY. */
export interface VersionStatus {
  readonly version: number;
  readonly state: ModelState;
  /** Why the version is not READY; empty when it is. */
  readonly reason: string;
  readonly session?: LoadedSession;
  readonly signature?: ModelSignature;
  /** SHA-256 (hex) of the loaded model.onnx, set when READY: tells two files under one version apart. */
  readonly fingerprint?: string;
}

/** A READY version, as handed to the data plane. */
export interface ServedVersion {
  readonly name: string;
  readonly version: number;
  readonly session: LoadedSession;
  readonly signature: ModelSignature;
  readonly config: ModelConfig;
  /** SHA-256 (hex) of the model file being served; a shared cache keys on it, not on the number alone. */
  readonly fingerprint: string;
}

/** A model and the versions its policy asks for. */
export interface ModelStatus {
  readonly name: string;
  /** Every version the model's policy asks to serve, ascending. */
  readonly versions: readonly VersionStatus[];
  /** The parsed config.json; undefined until parsed, or when it is invalid. */
  readonly config?: ModelConfig;
  /** Set when the model as a whole cannot be served (bad config.json, no versions). */
  readonly reason?: string;
}
