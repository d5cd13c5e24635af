import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ModelConfig } from './model-config';

/** What resident versions hold together: how many, and their measured footprints. */
export interface ResidentTotals {
  readonly count: number;
  readonly bytes: number;
}

/**
 * The residency budget's rules (MAX_LOADED_MODELS, MODEL_MEMORY_BUDGET_MB): whether it is on,
 * which models it may never evict (STARTUP_MODELS by name, config.json `parameters.pinned`), and
 * when resident versions are over it. With neither setting, every model loads as before.
 */
@Injectable()
export class ResidencyPolicy {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether a budget is set: models then start STANDBY and load on their first request. */
  get active(): boolean {
    const { maxLoadedModels, memoryBudgetBytes } = this.config.modelBudget;
    return maxLoadedModels > 0 || memoryBudgetBytes > 0;
  }

  get loadTimeoutMs(): number {
    return this.config.modelBudget.loadTimeoutMs;
  }

  /** Loaded at start-up and never evicted. `*` in STARTUP_MODELS pins nothing (it would pin all). */
  isPinned(name: string, config: ModelConfig | undefined): boolean {
    return this.config.startupModels.includes(name) || config?.pinned === true;
  }

  /** Whether a newly registered version of this model waits for its first request to load. */
  startsCold(name: string, config: ModelConfig): boolean {
    return this.active && !this.isPinned(name, config);
  }

  /** Whether resident versions hold more than the budget allows. */
  isOver(totals: ResidentTotals): boolean {
    const { maxLoadedModels, memoryBudgetBytes } = this.config.modelBudget;
    return (
      (maxLoadedModels > 0 && totals.count > maxLoadedModels) ||
      (memoryBudgetBytes > 0 && totals.bytes > memoryBudgetBytes)
    );
  }
}
