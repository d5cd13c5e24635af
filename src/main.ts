import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeConfig } from './config/describe-config';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { configWarnings } from './config/config-warnings';
import { whereToLook } from './config/where-to-look';
import { createApp } from './http/create-app';
import { installGracefulShutdown } from './http/graceful-shutdown';
import { GrpcServer } from './protocol/grpc/grpc-server';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  const grpc = app.get(GrpcServer);
  installGracefulShutdown(app, config, [grpc]);
  // The effective configuration is for whoever debugs a deployment; the first info lines are
  // for a person starting the server: where it listens, where to look, the models' states.
  Logger.debug(`configuration: ${JSON.stringify(describeConfig(config))}`, 'Main');
  for (const warning of configWarnings(config)) Logger.warn(warning, 'Main');
  await app.listen(config.port, config.host);
  // Slow clients (slowloris) may not hold a connection open by trickling headers or a body.
  const server = app.getHttpServer() as Server;
  server.headersTimeout = config.httpHeadersTimeoutMs;
  server.requestTimeout = config.httpRequestTimeoutMs;
  // Bound ports, not configured ones: PORT=0 asks the system for a free port (the e2e tests do).
  const { port } = app.getHttpServer().address() as AddressInfo;
  const grpcPort = await grpc.listen();
  Logger.log(
    `Perch listening on http://${config.host}:${port} (models: ${config.modelRepository})`,
    'Main',
  );
  if (grpcPort !== undefined)
    Logger.log(`Perch gRPC listening on ${config.host}:${grpcPort} (h2c)`, 'Main');
  const where = whereToLook(config, port);
  if (where !== undefined) Logger.log(where, 'Main');
}

bootstrap().catch((e: unknown) => {
  // Only boot failures land here (invalid configuration, missing repository): say why and exit non-zero.
  console.error(`perch failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
