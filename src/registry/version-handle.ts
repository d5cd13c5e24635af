import { LoadedSession } from '../inference/runtime/model-runner';
import { ModelConfig, ModelSignature, OutputLabels } from './model-config';

/** Order of use across all handles: a larger number was leased (or loaded) more recently. */
let useClock = 0;

/**
 * One loaded model version and the requests using it. A request leases the handle for as long
 * as it runs; retire() (on reload, unload or shutdown) waits for every lease to end before it
 * disposes the session, so a swap never drops a request in flight.
 */
export class VersionHandle {
  private leases = 0;
  private retiring?: Promise<void>;
  private idle?: () => void;
  /** When this version was last leased (or loaded), on useClock: what LRU eviction compares. */
  lastUsed = ++useClock;

  constructor(
    readonly session: LoadedSession,
    readonly signature: ModelSignature,
    readonly config: ModelConfig,
    /** What the files looked like when loaded (model.onnx size/mtime and config.json text). */
    readonly fingerprint: string,
    /** Class labels per output, from config.json's label_filename (classification extension). */
    readonly labels: OutputLabels = {},
    /** SHA-256 (hex) of model.onnx: a shared response cache keys on it, not on the version number. */
    readonly fileSha256 = '',
    /** Memory the load added, measured (see footprint.ts); what MODEL_MEMORY_BUDGET_MB counts. */
    readonly footprintBytes = 0,
  ) {}

  /** Requests currently holding a lease. */
  get inFlight(): number {
    return this.leases;
  }

  /** Takes a lease; the returned function ends it (calling it twice ends it once). */
  lease(): () => void {
    this.leases++;
    this.lastUsed = ++useClock;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.leases--;
      if (this.leases === 0) this.idle?.();
    };
  }

  /** Waits for in-flight requests, then disposes the session. Idempotent. */
  retire(): Promise<void> {
    this.retiring ??= (async () => {
      if (this.leases > 0) await new Promise<void>((resolve) => (this.idle = resolve));
      await this.session.dispose();
    })();
    return this.retiring;
  }
}
