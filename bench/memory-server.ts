import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { ROOT } from './settings';

const LISTENING = /Perch listening on http:\/\/[^:]+:(\d+)/;

/** One Perch process started by bench:memory, with the readings the report needs. */
export interface MemoryServer {
  readonly port: number;
  readonly pid: number;
  /** ms from spawn to the first 200 of /v2/health/ready. */
  readonly readyMs: number;
  stop(): Promise<void>;
}

/** One answer: status, Retry-After, elapsed ms, the body as text. */
export interface Answer {
  readonly status: number;
  readonly retryAfter?: string;
  readonly ms: number;
  readonly text: string;
}

/**
 * Starts dist/main.js with `env` (and `nodeArgs` for node itself) on a free port and waits for
 * readiness (polled every 10 ms).
 */
export async function startServer(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<MemoryServer> {
  const started = performance.now();
  const args = [...nodeArgs, ...profiling(), join(ROOT, 'dist', 'main.js')];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ORT_DISABLE_TELEMETRY: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      GRPC_PORT: '0',
      SHUTDOWN_DELAY_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const found = LISTENING.exec(output)?.[1];
      if (!found) return;
      // From here on the output is drained, not kept: access lines would pile up in memory.
      child.stdout?.off('data', onData).resume();
      child.stderr?.off('data', onData).resume();
      resolve(Number(found));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  for (;;) {
    const answer = await send(port, 'GET', '/v2/health/ready').catch(() => undefined);
    if (answer?.status === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - started;
  return { port, pid: child.pid ?? 0, readyMs, stop: () => stop(child) };
}

/** BENCH_CPU_PROF_DIR: each server writes a V8 CPU profile there when it exits. */
function profiling(): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Resident set now and its peak (VmHWM), in MiB, from /proc. */
export function rssMiB(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1]);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const agents = new Map<number, Agent>();

/** One request over a keep-alive connection (up to 64 per port); never rejects on a status. */
export function send(
  port: number,
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<Answer> {
  let agent = agents.get(port);
  if (!agent) agents.set(port, (agent = new Agent({ keepAlive: true, maxSockets: 64 })));
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers['retry-after'],
          ms: performance.now() - t0,
          text: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The metrics text, parsed into series → value. */
export async function scrape(port: number): Promise<Map<string, number>> {
  const { text } = await send(port, 'GET', '/metrics');
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.length === 0) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

/** The sum of every series of `family` whose labels contain `match`. */
export function total(series: Map<string, number>, family: string, match = ''): number {
  let sum = 0;
  for (const [name, value] of series) {
    if ((name === family || name.startsWith(`${family}{`)) && name.includes(match)) sum += value;
  }
  return sum;
}

/** Closes the keep-alive connections of one port. */
export function closeConnections(port: number): void {
  agents.get(port)?.destroy();
  agents.delete(port);
}
