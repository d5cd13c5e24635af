import { ConsoleLogger, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { APP_CONFIG, AppConfig, LogLevel } from '../config/app-config';
import { PerchExpressAdapter } from './perch-express.adapter';

const LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Builds the application exactly as production runs it; main.ts and the e2e tests both call this.
 * Nest's own body parser is off: RawBodyMiddleware hands every route a Buffer.
 */
export async function createApp(): Promise<INestApplication> {
  const adapter = new PerchExpressAdapter();
  const app = await NestFactory.create(AppModule, adapter, {
    bodyParser: false,
    // Silent until the configuration (which sets the log level) is known; a boot failure (an
    // invalid variable) then reaches main.ts, which prints one line and exits 1, instead of
    // Nest's stack trace and abort.
    logger: false,
    abortOnError: false,
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  adapter.compressMinBytes = config.compressMinBytes;
  app.useLogger(
    new ConsoleLogger({ logLevels: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1) }),
  );
  app.enableShutdownHooks();
  return app;
}
