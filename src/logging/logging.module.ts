import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InferenceModule } from '../inference/inference.module';
import { RegistryModule } from '../registry/registry.module';
import { LoggingService } from './logging.service';
import { PerchLogger } from './perch-logger';
import { createRootLogger, ROOT_LOGGER } from './root-logger';
import type { Logger } from 'pino';

/**
 * Structured logs on pino: the root logger, Nest's LoggerService over it (createApp installs
 * it, so every Nest Logger call is a JSON line), one access line per HTTP request, and model
 * lifecycle lines.
 */
@Global()
@Module({
  imports: [InferenceModule, RegistryModule],
  providers: [
    {
      provide: ROOT_LOGGER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createRootLogger(
          config.logLevel,
          config.logFormat === 'pretty' ||
            (config.logFormat === 'auto' && process.stdout.isTTY === true),
        ),
    },
    {
      provide: PerchLogger,
      inject: [ROOT_LOGGER],
      useFactory: (root: Logger) => new PerchLogger(root),
    },
    LoggingService,
  ],
  exports: [ROOT_LOGGER, PerchLogger],
})
export class LoggingModule {}
