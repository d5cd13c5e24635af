import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Clock, SYSTEM_CLOCK } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ChangeDetector } from './change-detector';
import { ModelLifecycleService } from './model-lifecycle.service';
import { ModelRepository } from './model-repository';

/**
 * MODEL_CONTROL_MODE=poll: scans the repository every REPOSITORY_POLL_SECONDS and hands the
 * changes the ChangeDetector calls stable to the lifecycle service. Polling, not fs watchers, is
 * the source of truth: watchers miss events on network volumes. Polls never overlap.
 */
@Injectable()
export class RepositoryPollerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RepositoryPoller');
  private readonly detector = new ChangeDetector();
  private timer: unknown;
  private stopped = false;
  private clock: Clock = SYSTEM_CLOCK;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ModelRepository,
    private readonly lifecycle: ModelLifecycleService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.modelControlMode !== 'poll') return;
    // In the background: the server listens (and answers probes) while models load.
    void this.lifecycle
      .whenLoaded()
      .then(() => {
        this.detector.baseline(this.lifecycle.appliedFingerprints());
        this.schedule();
      })
      .catch((e: Error) => this.logger.error(`repository polling could not start: ${e.message}`));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.clock.clearTimer(this.timer);
  }

  /** One poll: scan, detect, act. Public for tests that drive polls themselves. */
  async poll(): Promise<void> {
    const sources = await this.repository.scan(this.lifecycle.root());
    const { reload, remove } = this.detector.observe(sources);
    const loaded = new Set(this.lifecycle.loaded());
    for (const name of remove.filter((n) => loaded.has(n))) {
      this.logger.log(`model '${name}' left the repository: unloading`);
      await this.lifecycle.unload(name);
    }
    for (const name of reload) {
      this.logger.log(`model '${name}' changed on disk: reloading`);
      await this.lifecycle
        .load(name)
        .catch((e: Error) => this.logger.error(`reload of '${name}' failed: ${e.message}`));
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimer(() => {
      this.poll()
        .catch((e: Error) => this.logger.error(`repository poll failed: ${e.message}`))
        .finally(() => this.schedule());
    }, this.config.repositoryPollSeconds * 1000);
  }
}
