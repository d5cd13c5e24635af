import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ModelNotReadyError } from '../common/errors/serving.errors';
import { evictionOrder, ResidentVersion } from './eviction-order';
import { ModelLifecycleService } from './model-lifecycle.service';
import { ModelRegistryService } from './model-registry.service';
import { LeasedVersion } from './model-state';
import { ResidencyPolicy } from './residency-policy';
import { VersionHandle } from './version-handle';

/** A resident version and the handle that holds it. */
type Resident = ResidentVersion & { readonly handle: VersionHandle };

/** How often a budget that no idle version could bring down is checked again, in ms. */
const RECHECK_MS = 50;
/** Loads a request may wait through when its version is evicted again before it could lease it. */
const MAX_COLD_ATTEMPTS = 3;

/**
 * Keeps resident model versions within the residency budget (docs/memory.md): a request for a
 * STANDBY version loads it (one shared load per version, the wait bounded by
 * MODEL_LOAD_TIMEOUT_SECONDS), and after every load the least recently used idle, unpinned
 * versions are evicted until the rest fit. Without a budget nothing is ever STANDBY and lease()
 * is the registry's.
 */
@Injectable()
export class ModelResidencyService implements OnApplicationShutdown {
  private readonly logger = new Logger('ModelResidency');
  /** The load in progress per `model:version`: what concurrent cold requests share. */
  private readonly loads = new Map<string, Promise<void>>();
  /** Handles being evicted: neither counted nor chosen again while their eviction is queued. */
  private readonly evicting = new Set<VersionHandle>();
  private scheduled = false;
  private recheck?: NodeJS.Timeout;

  constructor(
    private readonly registry: ModelRegistryService,
    private readonly lifecycle: ModelLifecycleService,
    private readonly policy: ResidencyPolicy,
  ) {}

  /**
   * The registry's lease(), after loading the version if it is STANDBY. Synchronous when the
   * version is resident (the hot path takes no extra turn); otherwise a promise that settles with
   * the lease, or with ModelNotReadyError when the load fails or outlasts the timeout.
   */
  lease(name: string, version: string | undefined): LeasedVersion | Promise<LeasedVersion> {
    const loading = this.whenResident(name, version);
    if (!loading) return this.registry.lease(name, version);
    return loading.then(() => this.registry.lease(name, version));
  }

  /**
   * Undefined when the version (the one named, else the newest servable) is not STANDBY, or is
   * unknown (the caller's own lookup reports that); else a promise that settles once a load has
   * made it resident (or failed: the state then says why).
   */
  whenResident(name: string, version: string | undefined): Promise<void> | undefined {
    // Without a budget no version is ever STANDBY: every request skips the lookup.
    if (!this.policy.active) return undefined;
    let number: number;
    try {
      const status = this.registry.getVersion(name, version);
      if (status.state !== 'STANDBY') return undefined;
      number = status.version;
    } catch {
      return undefined;
    }
    return this.loadCold(name, version, number);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.recheck);
  }

  private async loadCold(name: string, version: string | undefined, number: number): Promise<void> {
    const started = performance.now();
    let wanted = number;
    for (let attempt = 0; attempt < MAX_COLD_ATTEMPTS; attempt++) {
      await this.load(name, wanted);
      const status = this.registry.getVersion(name, version);
      if (status.state !== 'STANDBY') {
        const durationMs = performance.now() - started;
        this.registry.emit({ kind: 'cold_start', model: name, version: wanted, durationMs });
        return;
      }
      // Evicted again before this request could take it: load it once more.
      wanted = status.version;
    }
  }

  /** Waits for the shared load of one version, at most the load timeout. */
  private load(name: string, version: number): Promise<void> {
    const key = `${name}:${version}`;
    let load = this.loads.get(key);
    if (!load) {
      load = this.lifecycle.warm(name, version).finally(() => {
        this.loads.delete(key);
        this.scheduleEnforce();
      });
      this.loads.set(key, load);
    }
    const timeoutMs = this.policy.loadTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ModelNotReadyError(
              `model '${name}' version ${version} is still loading after ${timeoutMs / 1000} s (MODEL_LOAD_TIMEOUT_SECONDS)`,
            ),
          ),
        timeoutMs,
      );
    });
    return Promise.race([load, timedOut]).finally(() => clearTimeout(timer));
  }

  /**
   * Runs after the requests that waited for a load have leased it (setImmediate comes after their
   * continuations), so a version just loaded for them is in use, not a victim.
   */
  private scheduleEnforce(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.enforce();
    });
  }

  private enforce(): void {
    const resident = this.resident();
    const victims = evictionOrder(resident, (t) => this.policy.isOver(t));
    for (const v of victims) {
      const { handle } = v;
      this.evicting.add(handle);
      void this.lifecycle
        .evict(v.model, v.version, handle)
        .catch((e: Error) => this.logger.error(`eviction failed: ${e.message}`))
        .finally(() => this.evicting.delete(handle));
    }
    const evicted = new Set(victims);
    const after = resident.filter((v) => !evicted.has(v));
    const left = { count: after.length, bytes: after.reduce((s, v) => s + v.bytes, 0) };
    if (this.policy.isOver(left) && !this.recheck) {
      // Every candidate is busy: look again once some request has had time to end.
      this.recheck = setTimeout(() => {
        this.recheck = undefined;
        this.enforce();
      }, RECHECK_MS);
      this.recheck.unref();
    }
  }

  private resident(): Resident[] {
    return this.registry.list().flatMap((m) =>
      m.versions
        .filter((v) => v.state === 'READY' && v.handle && !this.evicting.has(v.handle))
        .map((v) => {
          const handle = v.handle as VersionHandle;
          return {
            handle,
            model: m.name,
            version: v.version,
            bytes: handle.footprintBytes,
            inFlight: handle.inFlight,
            lastUsed: handle.lastUsed,
            pinned: this.policy.isPinned(m.name, m.config),
          };
        }),
    );
  }
}
