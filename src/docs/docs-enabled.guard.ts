import { CanActivate, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** DOCS_ENABLED=false: the document and the page answer 404, saying how to turn them on. */
@Injectable()
export class DocsEnabledGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.docsEnabled) {
      throw new NotFoundException('the API documentation is off: set DOCS_ENABLED=true');
    }
    return true;
  }
}
