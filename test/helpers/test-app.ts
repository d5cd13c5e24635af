import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const EXAMPLE_MODELS = join(ROOT, 'models');
export const FIXTURE_MODELS = join(ROOT, 'test', 'fixtures', 'models');

const LISTENING = /Perch listening on http:\/\/[^:]+:(\d+)/;
const LOADED = /model repository loaded/;

export interface TestApp {
  readonly url: string;
  /** The server's process id (for /proc readings such as its peak RSS). */
  readonly pid: number;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM, then the exit code. */
  close(): Promise<number | null>;
  /** Sends a signal without waiting. */
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code when the process ends. */
  exited(): Promise<number | null>;
}

/**
 * Starts the real server (dist/main.js, built by the e2e globalSetup) as a child process on a
 * free loopback port with `env` added to its environment, in working directory `cwd`, and
 * resolves once it listens and its start-up model load has settled.
 */
export function startApp(
  env: Record<string, string>,
  timeoutMs = 20_000,
  cwd = ROOT,
): Promise<TestApp> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    cwd,
    env: {
      ...process.env,
      NO_COLOR: '1',
      ORT_DISABLE_TELEMETRY: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      // gRPC is off unless a spec asks for it (startGrpcApp gives it a free port): the default
      // 8081 would be shared by every server the e2e files start at once.
      GRPC_PORT: '0',
      // Tests stop servers often; the drain delay is exercised by its own spec.
      SHUTDOWN_DELAY_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const port = LISTENING.exec(output)?.[1];
      if (port && LOADED.test(output)) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${port}`,
          pid: child.pid ?? 0,
          output: () => output,
          close: () => stop(child),
          signal: (name) => child.kill(name),
          exited: () => exitOf(child),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      fail(new Error(`server exited with ${code} before it was ready:\n${output}`)),
    );
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * The server's output once `done` holds for it, or after `timeoutMs`. Log lines travel through a
 * pipe and may reach the test after the HTTP answer they belong to, so tests wait for them.
 */
export async function waitForOutput(
  app: TestApp,
  done: (output: string) => boolean,
  timeoutMs = 3000,
): Promise<string> {
  for (let waited = 0; !done(app.output()) && waited < timeoutMs; waited += 20) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return app.output();
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON; throws when it is not JSON. */
  json<T = Record<string, unknown>>(): T;
}

/** One real HTTP request. A string or Buffer body is sent as-is; anything else as JSON text. */
export async function call(
  app: TestApp,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const payload =
    body === undefined || typeof body === 'string' || Buffer.isBuffer(body)
      ? body
      : JSON.stringify(body);
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers,
    body: payload as RequestInit['body'],
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}
