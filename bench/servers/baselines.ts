import { join } from 'node:path';
import { Adapter, BENCH_DIR, ROOT } from '../settings';
import { RunningServer, listeningUrl, spawnServer } from './child-server';

/** TypeScript children run through ts-node's transpile-only hook: compiled at load, plain Node after. */
const TS_NODE = ['--require', 'ts-node/register/transpile-only'];

/** (a) node:http + onnxruntime-node, one session.run per request on the main thread. */
export function startNodeHttp(repository: string): Promise<RunningServer> {
  return spawnServer({
    name: 'node:http baseline',
    command: process.execPath,
    args: [...TS_NODE, join(BENCH_DIR, 'baselines', 'node-http-server.ts')],
    cwd: ROOT,
    env: { ...process.env, ORT_DISABLE_TELEMETRY: '1', PORT: '0', MODEL_REPOSITORY: repository },
    readyFrom: listeningUrl(/node-http listening on http:\/\/[^:]+:(\d+)/),
  });
}

/** (c) the framework floor: a bare NestJS route that parses the body and answers a constant. */
export function startFloor(adapter: Adapter): Promise<RunningServer> {
  return spawnServer({
    name: `NestJS floor (${adapter})`,
    command: process.execPath,
    args: [...TS_NODE, join(BENCH_DIR, 'floor', 'main.ts')],
    cwd: ROOT,
    env: { ...process.env, PORT: '0', FLOOR_ADAPTER: adapter },
    readyFrom: listeningUrl(/floor listening on http:\/\/[^:]+:(\d+)/),
  });
}
