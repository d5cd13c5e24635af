import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, UnauthenticatedError } from '../../../common/errors/serving.errors';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';

/**
 * The repository API changes what the server serves, so it answers only when enabled
 * (MODEL_CONTROL_MODE=explicit or ENABLE_REPOSITORY_API=true), and then, when ADMIN_TOKEN is set,
 * only to `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time.
 */
@Injectable()
export class RepositoryApiGuard implements CanActivate {
  private readonly token?: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.token = config.adminToken === undefined ? undefined : digest(config.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.repositoryApiEnabled) {
      throw new NotFoundException(
        'the model repository API is off: set MODEL_CONTROL_MODE=explicit or ENABLE_REPOSITORY_API=true',
      );
    }
    if (!this.token) return true;
    const header = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>()
      .headers.authorization;
    const match = typeof header === 'string' ? /^Bearer (.+)$/i.exec(header) : null;
    if (!match)
      throw new UnauthenticatedError(
        'the repository API requires Authorization: Bearer <ADMIN_TOKEN>',
      );
    // Hashing first makes both sides the same length, so timingSafeEqual never leaks the length.
    if (!timingSafeEqual(digest(match[1]), this.token))
      throw new ForbiddenError('the admin token is not valid');
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
