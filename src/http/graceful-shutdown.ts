import { INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { AppConfig } from '../config/app-config';
import { ModelRegistryService } from '../registry/model-registry.service';

/**
 * Kubernetes-style drain on SIGTERM/SIGINT: readiness turns false at once (so endpoints stop
 * routing here) while the server keeps answering for SHUTDOWN_DELAY_SECONDS, with
 * `Connection: close` so keep-alive clients reconnect elsewhere; then the listener closes, open
 * requests and batching queues finish (up to SHUTDOWN_TIMEOUT_SECONDS), sessions are disposed,
 * and the process exits 0 (1 if the drain timed out). A second signal exits at once.
 */
export function installGracefulShutdown(app: INestApplication, config: AppConfig): void {
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
    void drain(app, config, logger, signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function drain(
  app: INestApplication,
  config: AppConfig,
  logger: Logger,
  signal: string,
): Promise<void> {
  app.get(ModelRegistryService).beginShutdown();
  logger.log(
    `${signal}: not ready; serving ${config.shutdownDelaySeconds} s more before closing the listener`,
  );
  await sleep(config.shutdownDelaySeconds * 1000);
  const server = app.getHttpServer() as Server;
  const timeout = sleep(config.shutdownTimeoutSeconds * 1000).then(() => 'timeout' as const);
  const closed = app.close().then(() => 'closed' as const);
  // Idle keep-alive sockets would hold server.close() open; requests in progress still finish.
  server.closeIdleConnections?.();
  const outcome = await Promise.race([closed, timeout]);
  if (outcome === 'timeout') {
    logger.error(`drain did not finish in ${config.shutdownTimeoutSeconds} s; exiting anyway`);
    process.exit(1);
  }
  logger.log('drained: listener closed, in-flight requests answered, sessions disposed');
  process.exit(0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
