import { join } from 'node:path';
import { BenchModels, DYNAMIC_BATCHING } from '../bench-models';
import { Adapter, BenchSettings, ROOT } from '../settings';
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
  /** Whether mlp_large runs with dynamic_batching, and why (not). */
  readonly dynamicBatching: { readonly on: boolean; readonly note: string };
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

/**
 * Boots Perch to learn what it supports: whether mlp_large loads with `dynamic_batching` (else
 * the config is rewritten without it, unless BENCH_DYNAMIC_BATCHING=on), the V2 extensions,
 * and whether HTTP_ADAPTER is read (an unknown value must stop the boot).
 */
export async function detectPerch(
  models: BenchModels,
  settings: BenchSettings,
): Promise<PerchFeatures> {
  const wantBatching = settings.dynamicBatching !== 'off';
  models.setDynamicBatching(wantBatching);
  const perch = await startPerch(models.repository);
  let dynamicBatching = { on: false, note: 'off (BENCH_DYNAMIC_BATCHING=off)' };
  let extensions: string[] = [];
  try {
    const meta = await fetchReply(`${perch.url}/v2`);
    extensions = (JSON.parse(meta.body.toString()) as { extensions?: string[] }).extensions ?? [];
    if (wantBatching) {
      const ready = await fetchReply(`${perch.url}/v2/models/mlp_large/ready`);
      if (ready.status === 200) {
        dynamicBatching = { on: true, note: `on: ${JSON.stringify(DYNAMIC_BATCHING)}` };
      } else {
        const why = (await fetchReply(`${perch.url}/health/ready`)).body.toString();
        if (settings.dynamicBatching === 'on')
          throw new Error(`mlp_large did not load with dynamic_batching: ${why}`);
        models.setDynamicBatching(false);
        dynamicBatching = {
          on: false,
          note: `off: this server refused dynamic_batching in config.json (${brief(why)})`,
        };
      }
    }
  } finally {
    await perch.stop();
  }
  const adapterVariable = await refusesUnknownAdapter(models.repository);
  return {
    adapterVariable,
    fastifyMissing: adapterVariable
      ? undefined
      : 'unavailable — this Perch does not read HTTP_ADAPTER (it boots with an unknown value): no Fastify adapter yet',
    dynamicBatching,
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

/** mlp_large's reason from the /health/ready report, else the start of the report. */
function brief(report: string): string {
  const reason = /"model":"mlp_large"[^}]*"reason":"([^"]+)"/.exec(report)?.[1] ?? report;
  return reason.replace(/\s+/g, ' ').slice(0, 200);
}
