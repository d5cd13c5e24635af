import { fingerprintOf, ModelSource } from './model-source';

/** What the poller should do after one look at the repository. */
export interface RepositoryChanges {
  /** Models new or changed, whose files have stayed the same for one whole poll interval. */
  readonly reload: string[];
  /** Models whose directory is gone (absent on two polls in a row). */
  readonly remove: string[];
}

/**
 * Decides, poll by poll, which models changed on disk. A change counts only once the model's
 * files look the same on two consecutive polls (sizes and mtimes, config.json text), so a file
 * still being copied is never loaded; and each settled state is acted on once, so a broken file
 * is reported once, not on every poll. Pure apart from its own memory; no clock needed.
 */
export class ChangeDetector {
  /** Fingerprint of each model as last acted on (or as loaded at start-up). */
  private readonly applied = new Map<string, string>();
  /** Fingerprint of each model on the previous poll; absent models have none. */
  private previous = new Map<string, string>();

  /**
   * Records the files the server loaded (fingerprintOf per model), so the first poll does not
   * reload everything, and a change made between that load and the first poll is still seen.
   */
  baseline(fingerprints: ReadonlyMap<string, string>): void {
    for (const [name, print] of fingerprints) this.applied.set(name, print);
    this.previous = new Map(this.applied);
  }

  /** Feeds one poll's scan; returns the changes that are now stable and not yet acted on. */
  observe(sources: readonly ModelSource[]): RepositoryChanges {
    const now = new Map(sources.map((s) => [s.name, fingerprintOf(s)]));
    const reload = [...now]
      .filter(
        ([name, print]) => this.previous.get(name) === print && this.applied.get(name) !== print,
      )
      .map(([name]) => name);
    const remove = [...this.applied.keys()].filter(
      (name) => !now.has(name) && !this.previous.has(name),
    );
    for (const name of reload) this.applied.set(name, now.get(name) as string);
    for (const name of remove) this.applied.delete(name);
    this.previous = now;
    return { reload, remove };
  }
}
