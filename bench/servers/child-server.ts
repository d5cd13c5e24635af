import { ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { Reply } from '../answer-checks';

/** A server the bench started and owns: stopped by the bench, never left behind. */
export interface RunningServer {
  readonly url: string;
  /** The process id, for reading /proc/<pid> while it runs. */
  readonly pid: number;
  /** The last 64 KiB the process printed, for error messages. */
  output(): string;
  /** How the process ended and its last output line, once it has ended (not by stop()). */
  exited(): string | undefined;
  /** SIGTERM (SIGKILL after 10 s); resolves with how the process ended. */
  stop(): Promise<ExitStatus>;
}

/** How a child process ended: an exit code, or the signal that killed it. */
export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The base URL once the server is ready, read from its output; undefined while not yet. */
  readonly readyFrom: (output: string) => Promise<string | undefined> | string | undefined;
  readonly timeoutMs?: number;
}

const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((c) => c.kill('SIGKILL')));

/** Starts a child process and resolves once `readyFrom` gives its URL; rejects with its output if it exits first. */
export function spawnServer(o: SpawnOptions): Promise<RunningServer> {
  const child = spawn(o.command, [...o.args], {
    cwd: o.cwd,
    env: o.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const onData = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-65536);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const server = (url: string): RunningServer => ({
    url,
    pid: child.pid ?? 0,
    output: () => output,
    exited: () => {
      if (child.exitCode === null && child.signalCode === null) return undefined;
      const how = child.signalCode
        ? `killed by ${child.signalCode}`
        : `exited with ${child.exitCode}`;
      const last = output.trim().split('\n').pop() ?? '';
      return `${o.name} ${how}${last ? `; its last line: ${last.slice(0, 200)}` : ''}`;
    },
    stop: () => stop(child),
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + (o.timeoutMs ?? 60_000);
    let exited = false;
    child.once('exit', (code) => {
      exited = true;
      live.delete(child);
      reject(new Error(`${o.name} exited with ${code} before it was ready:\n${output.trim()}`));
    });
    const poll = async (): Promise<void> => {
      if (exited) return;
      const url = await o.readyFrom(output);
      if (url) return resolve(server(url));
      if (Date.now() > deadline) {
        await stop(child);
        return reject(
          new Error(`${o.name} not ready after ${o.timeoutMs ?? 60_000} ms:\n${output.trim()}`),
        );
      }
      setTimeout(() => void poll(), 50);
    };
    void poll();
  });
}

/** SIGTERM, SIGKILL after 10 s; resolves when the process is gone. */
function stop(child: ChildProcess): Promise<ExitStatus> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(kill);
      live.delete(child);
      resolve({ code, signal });
    });
    child.kill('SIGTERM');
  });
}

/** A loopback port that was free a moment ago (for servers that cannot bind port 0 and say which). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * One HTTP request over loopback, the whole answer buffered; status 0 when it could not connect.
 * `agent`: the connection pool to use (default: Node's global keep-alive agent).
 */
export function fetchReply(
  url: string,
  init: {
    method?: string;
    headers?: Readonly<Record<string, string>>;
    body?: Buffer;
    agent?: Agent;
  } = {},
): Promise<Reply> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: init.method ?? 'GET', headers: init.headers, agent: init.agent, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', () => resolve({ status: 0, headers: {}, body: Buffer.alloc(0) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: Buffer.from(e.message) }));
    req.end(init.body);
  });
}

/** readyFrom for servers that print `listening on http://host:port`. */
export function listeningUrl(pattern: RegExp): (output: string) => string | undefined {
  return (output) => {
    const m = pattern.exec(output);
    return m ? `http://127.0.0.1:${m[1]}` : undefined;
  };
}
