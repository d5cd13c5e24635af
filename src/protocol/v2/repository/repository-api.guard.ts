import { CanActivate, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';

/**
 * The repository API changes what the server serves, so it answers only when enabled
 * (MODEL_CONTROL_MODE=explicit or ENABLE_REPOSITORY_API=true). Who may call it (ADMIN_TOKEN) is
 * the global AccessGuard's decision, through the routes' @AdminRoute().
 */
@Injectable()
export class RepositoryApiGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.repositoryApiEnabled) {
      throw new NotFoundException(
        'the model repository API is off: set MODEL_CONTROL_MODE=explicit or ENABLE_REPOSITORY_API=true',
      );
    }
    return true;
  }
}
