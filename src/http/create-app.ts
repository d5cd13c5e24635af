import { INestApplication } from '@nestjs/common';
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
  const app = await NestFactory.create(AppModule, new PerchExpressAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1));
  app.flushLogs();
  app.enableShutdownHooks();
  return app;
}
