import { join } from 'node:path';
import { BenchModels } from '../bench-models';
import { Adapter, ROOT } from '../settings';
import { RunningServer, fetchReply, freePort, spawnServer } from './child-server';

const LISTENING = /Perch listening on http:\/\/[^:]+:(\d+)/;
const LOADED = /model repository loaded/;
/** A value no server accepts: if Perch boots with it, Perch does not read HTTP_ADAPTER at all. */
const UNKNOWN_ADAPTER = 'bench-unknown-adapter';

/** What this build of Perch supports, found by asking it rather than by assuming. */
export interface PerchFeatures {
  /** Perch validates HTTP_ADAPTER (refuses an unknown value), so `fastify` can be asked for. */
  readonly adapterVariable: boolean;
  /** Why Fastify cannot be measured, when it cannot. */
  readonly fastifyMissing?: string;
  /** `GET /v2` extensions. */
  readonly extensions: readonly string[];
}

/**
 * Starts dist/main.js (built by `npm run bench`) on a free loopback port with the bench
 * repository; `adapter` is passed as HTTP_ADAPTER only to a Perch that reads it. gRPC is off
 * (GRPC_PORT=0): several Perch servers run at once, and only the gRPC target (startPerchGrpc)
 * needs the port.
 */
export function startPerch(repository: string, adapter?: Adapter): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    ORT_DISABLE_TELEMETRY: '1',
    HOST: '127.0.0.1',
    PORT: '0',
    GRPC_PORT: '0',
    MODEL_REPOSITORY: repository,
    LOG_LEVEL: 'log',
  };
  delete env.HTTP_ADAPTER;
  if (adapter) env.HTTP_ADAPTER = adapter;
  return spawnServer({
    name: `perch (${adapter ?? 'default adapter'})`,
    command: process.execPath,
    args: [join(ROOT, 'dist', 'main.js')],
    cwd: ROOT,
    env,
    readyFrom: (out) => {
      const port = LISTENING.exec(out)?.[1];
      return port && LOADED.test(out) ? `http://127.0.0.1:${port}` : undefined;
    },
  });
}

const GRPC_LISTENING = /Perch gRPC listening on [^:]+:(\d+)/;

/**
 * Perch (default adapter) with gRPC on a free port: the bench's gRPC target, whose `url` is
 * `grpc://127.0.0.1:<port>` (bench/grpc-case.ts).
 */
export async function startPerchGrpc(repository: string): Promise<RunningServer> {
  return spawnServer({
    name: 'perch (gRPC)',
    command: process.execPath,
    args: [join(ROOT, 'dist', 'main.js')],
    cwd: ROOT,
    env: {
      ...process.env,
      NO_COLOR: '1',
      ORT_DISABLE_TELEMETRY: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      GRPC_PORT: String(await freePort()),
      MODEL_REPOSITORY: repository,
      LOG_LEVEL: 'log',
    },
    readyFrom: (out) => {
      const port = GRPC_LISTENING.exec(out)?.[1];
      return port && LOADED.test(out) ? `grpc://127.0.0.1:${port}` : undefined;
    },
  });
}

/** Boots Perch to learn what it supports: the V2 extensions, and whether HTTP_ADAPTER is read. */
export async function detectPerch(models: BenchModels): Promise<PerchFeatures> {
  const perch = await startPerch(models.repository);
  let extensions: string[] = [];
  try {
    const meta = await fetchReply(`${perch.url}/v2`);
    extensions = (JSON.parse(meta.body.toString()) as { extensions?: string[] }).extensions ?? [];
  } finally {
    await perch.stop();
  }
  const adapterVariable = await refusesUnknownAdapter(models.repository);
  return {
    adapterVariable,
    fastifyMissing: adapterVariable
      ? undefined
      : 'unavailable — this Perch does not read HTTP_ADAPTER (it boots with an unknown value): no Fastify adapter yet',
    extensions,
  };
}

async function refusesUnknownAdapter(repository: string): Promise<boolean> {
  try {
    const perch = await startPerch(repository, UNKNOWN_ADAPTER as Adapter);
    await perch.stop();
    return false;
  } catch (e) {
    return String(e).includes('HTTP_ADAPTER');
  }
}
