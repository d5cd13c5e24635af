import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { PerchLogger } from '../logging/perch-logger';
import { documentSkeleton } from '../docs/openapi-document';
import { OpenApiService } from '../docs/openapi.service';
import { validateEnv } from '../config/validate-env';
import { PerchExpressAdapter } from './perch-express.adapter';

/**
 * Builds the application exactly as production runs it; main.ts and the benchmarks call this.
 * The adapter must exist before Nest does, so its settings are read from a first validation of
 * the environment (the same function AppModule's ConfigModule runs). Nest's own body parsers are
 * off: handlers read the raw body with `@RequestBody()` (http/request-body.ts).
 */
export async function createApp(): Promise<INestApplication> {
  const boot = validateEnv(process.env);
  // Fastify is loaded only when asked for: it adds ~15 MiB and ~0.15 s to an Express start.
  const adapter =
    boot.httpAdapter === 'fastify'
      ? new (await import('./perch-fastify.adapter')).PerchFastifyAdapter(boot.compressMinBytes)
      : new PerchExpressAdapter(boot.compressMinBytes);
  const app = await NestFactory.create(AppModule, adapter, {
    bodyParser: false,
    // Silent until the configuration (which sets the log level) is known; a boot failure (an
    // invalid variable) then reaches main.ts, which prints one line and exits 1, instead of
    // Nest's stack trace and abort.
    logger: false,
    abortOnError: false,
  });
  // Nest's own lines and every Logger call in Perch become pino JSON lines (logging/).
  app.useLogger(app.get(PerchLogger));
  // Scanned on the first request for /openapi.json, so start-up does not pay for it.
  app
    .get(OpenApiService)
    .scanRoutesWith(() => SwaggerModule.createDocument(app, documentSkeleton()));
  return app;
}
