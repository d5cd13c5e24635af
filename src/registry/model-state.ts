import { LoadedSession } from '../inference/runtime/model-runner';
import { ModelConfig, ModelSignature, OutputLabels } from './model-config';
import { VersionHandle } from './version-handle';

/**
 * Lifecycle of one model version, after Triton's model_lifecycle.h, plus ModelMesh's `STANDBY`:
 * registered under a residency budget but not loaded; its next request loads it (docs/memory.md).
 */
export type ModelState = 'LOADING' | 'READY' | 'UNLOADING' | 'UNAVAILABLE' | 'STANDBY';

/** Whether a version in this state can answer a request: now (READY) or after a load (STANDBY). */
export function isServable(state: ModelState): boolean {
  return state === 'READY' || state === 'STANDBY';
}

/** What the registry knows of one version. `handle`, `session` and `signature` are set exactly when it serves. */
export interface VersionStatus {
  readonly version: number;
  readonly state: ModelState;
  /** Why the version is not READY; empty when it is. */
  readonly reason: string;
  readonly handle?: VersionHandle;
  readonly session?: LoadedSession;
  readonly signature?: ModelSignature;
  /** Set when a reload of this version failed while the previous load keeps serving. */
  readonly failure?: string;
}

/** A READY version, as handed to the data plane. */
export interface ServedVersion {
  readonly name: string;
  readonly version: number;
  readonly session: LoadedSession;
  readonly signature: ModelSignature;
  readonly config: ModelConfig;
  readonly labels: OutputLabels;
  /** SHA-256 (hex) of the model file being served; a shared cache keys on it, not on the number alone. */
  readonly fingerprint: string;
}

/** A served version leased for one request: call release() when the request is done with it. */
export interface LeasedVersion extends ServedVersion {
  /** Leases held on this version, this one included, when it was taken. */
  readonly inFlight: number;
  release(): void;
}

/** A model and the versions its policy asks for. */
export interface ModelStatus {
  readonly name: string;
  /** Every version the model's policy asks to serve, ascending. */
  readonly versions: readonly VersionStatus[];
  /** The parsed config.json; undefined until parsed, or when it is invalid. */
  readonly config?: ModelConfig;
  /** The label files config.json names, read once with it. */
  readonly labels?: OutputLabels;
  /** Set when the model as a whole cannot be served (bad config.json, no versions). */
  readonly reason?: string;
  /** Set when the last reload failed as a whole (bad config.json) while older versions keep serving. */
  readonly failure?: string;
}

/** A READY version built from a VersionHandle. */
export function readyVersion(
  version: number,
  handle: VersionHandle,
  failure?: string,
): VersionStatus {
  return {
    version,
    state: 'READY',
    reason: '',
    handle,
    session: handle.session,
    signature: handle.signature,
    failure,
  };
}
