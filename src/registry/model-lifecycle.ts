/**
 * One step in a model version's life, as the registry takes it. `version` is null when a model
 * fails as a whole (a bad config.json, no version directory). Durations in ms, measured by the
 * registry from the start of the load or unload.
 */
export type ModelLifecycleEvent =
  | { readonly kind: 'loading'; readonly model: string; readonly version: number }
  | {
      readonly kind: 'ready';
      readonly model: string;
      readonly version: number;
      readonly durationMs: number;
      /** Where the version's runs execute (the runtime's words), when it says. */
      readonly placement?: string;
    }
  | {
      readonly kind: 'failed';
      readonly model: string;
      readonly version: number | null;
      readonly reason: string;
      /** Undefined when the model failed before any version started loading. */
      readonly durationMs?: number;
    }
  | {
      readonly kind: 'unloaded';
      readonly model: string;
      readonly version: number;
      readonly durationMs: number;
    }
  | {
      /** An idle version unloaded to keep the residency budget (it stays registered, STANDBY). */
      readonly kind: 'evicted';
      readonly model: string;
      readonly version: number;
      /** Its measured footprint. */
      readonly bytes: number;
    }
  | {
      /** A request found its version STANDBY and waited for the load (shared with others) to end. */
      readonly kind: 'cold_start';
      readonly model: string;
      readonly version: number;
      readonly durationMs: number;
    };

/**
 * Told of every lifecycle step, synchronously, in order. Observability (logs, metrics) subscribes
 * through ModelRegistryService.onLifecycle, so the registry depends on neither. Must not throw.
 */
export type ModelLifecycleListener = (event: ModelLifecycleEvent) => void;
