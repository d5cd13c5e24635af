import { INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import * as net from 'node:net';
import { AppConfig } from '../config/app-config';
import { ModelRegistryService } from '../registry/model-registry.service';

/** Another listener drained beside HTTP's (the gRPC server). */
export interface DrainableListener {
  /** Readiness has just turned false. */
  beginDrain(): void;
  /** Stops accepting and resolves once what is in flight has finished. */
  close(): Promise<void>;
  /** Ends every connection at once (the drain timed out). */
  destroy(): void;
}

/**
 * Kubernetes-style drain on SIGTERM/SIGINT: readiness turns false at once (so endpoints stop
 * routing here) while the server keeps answering for SHUTDOWN_DELAY_SECONDS, with
 * `Connection: close` so keep-alive clients reconnect elsewhere; then the listeners close (HTTP
 * and `others`, gRPC: GOAWAY), every open connection finishes its requests (up to
 * SHUTDOWN_TIMEOUT_SECONDS), batching queues drain, sessions are disposed, and the process exits
 * 0 (1 if the drain timed out). A second signal exits at once.
 */
export function installGracefulShutdown(
  app: INestApplication,
  config: AppConfig,
  others: readonly DrainableListener[] = [],
): void {
  const logger = new Logger('Shutdown');
  let draining = false;
  app
    .getHttpServer()
    .on('request', (_req: unknown, res: { setHeader(n: string, v: string): void }) => {
      if (draining) res.setHeader('Connection', 'close');
    });
  const onSignal = (signal: NodeJS.Signals): void => {
    if (draining) {
      logger.warn(`${signal} again: exiting without draining`);
      process.exit(1);
    }
    draining = true;
    void drain(app, config, logger, signal, others);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function drain(
  app: INestApplication,
  config: AppConfig,
  logger: Logger,
  signal: string,
  others: readonly DrainableListener[],
): Promise<void> {
  app.get(ModelRegistryService).beginShutdown();
  others.forEach((l) => l.beginDrain());
  logger.log(
    `${signal}: not ready; serving ${config.shutdownDelaySeconds} s more before closing the listener`,
  );
  await sleep(config.shutdownDelaySeconds * 1000);
  const server = app.getHttpServer() as Server;
  const timeout = sleep(config.shutdownTimeoutSeconds * 1000).then(() => 'timeout' as const);
  const drained = Promise.all([closeListener(server), ...others.map((l) => l.close())])
    .then(() => app.close())
    .then(() => 'closed' as const);
  const outcome = await Promise.race([drained, timeout]);
  if (outcome === 'timeout') {
    logger.error(`drain did not finish in ${config.shutdownTimeoutSeconds} s; exiting anyway`);
    others.forEach((l) => l.destroy());
    process.exit(1);
  }
  logger.log('drained: listeners closed, in-flight requests answered, sessions disposed');
  process.exit(0);
}

/**
 * Stops accepting connections and resolves once every open one has ended. Unlike
 * http.Server#close it does not cut idle keep-alive sockets at once, which could drop a request a
 * client has just written; connections end after their next answer (Connection: close), and idle
 * ones are swept shortly after. Nest's own close then finds the listener already closed.
 */
function closeListener(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Keep-alive sockets idle since before the delay would hold the close open for the adapter's
    // keepAliveTimeout (Fastify: 72 s); by now traffic has moved away, so they are closed, again
    // and again, until every connection is gone.
    const sweep = setInterval(() => server.closeIdleConnections?.(), 250);
    net.Server.prototype.close.call(server, () => {
      clearInterval(sweep);
      resolve();
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
