import { CanActivate, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** CONSOLE_ENABLED=false: the console and the `/` redirect answer 404, saying how to turn them on. */
@Injectable()
export class ConsoleEnabledGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.consoleEnabled) {
      throw new NotFoundException('the console is off: set CONSOLE_ENABLED=true');
    }
    return true;
  }
}
