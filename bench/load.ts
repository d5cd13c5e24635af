import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackages } from './apt';
import { Payload } from './payloads';
import { ProbeStats, startProbe } from './probe';
import { WORK_DIR } from './settings';

/** One case measured once. Latencies in ms, rates per second of the measured window. */
export interface Measurement {
  /** Answers below 400 per second (wrk counts 4xx/5xx apart). */
  readonly reqPerSec: number;
  readonly rowsPerSec: number;
  readonly p50: number;
  readonly p99: number;
  /** Socket errors: connect, read, write and timeouts. */
  readonly errors: number;
  readonly timeouts: number;
  /** 4xx and 5xx answers. */
  readonly non2xx: number;
  /** /health/live measured alongside, when the case asks for it. */
  readonly probe?: ProbeStats;
}

export interface LoadOptions {
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  /** GET this URL at `probeHz` during the measured window. */
  readonly probeUrl?: string;
  readonly probeHz: number;
}

/** What the Lua `done` hook prints: counts, microseconds. */
interface WrkSummary {
  requests: number;
  duration_us: number;
  status: number;
  connect: number;
  read: number;
  write: number;
  timeout: number;
  p50_us: number;
  p99_us: number;
}

const MARK = 'BENCH_RESULT ';
const SCRIPTS = join(WORK_DIR, 'wrk');

/** wrk from Debian, installed with apt-get when missing (as root); throws when it cannot be had. */
export function ensureWrk(): string {
  const missing = ensureDebianPackages(['wrk'], () => !spawnSync('wrk', ['--version']).error);
  if (missing) throw new Error(`the load generator wrk is missing: ${missing}`);
  return spawnSync('wrk', ['--version']).stdout.toString().split(' ').slice(0, 2).join(' ');
}

/**
 * wrk, one thread, `connections` keep-alive connections each sending the payload again as soon as
 * its answer arrives (a new connection when the server closes one): a discarded warm-up, then
 * the measured window.
 */
export async function measure(
  baseUrl: string,
  payload: Payload,
  o: LoadOptions,
): Promise<Measurement> {
  const script = writeScript(payload);
  const url = `${baseUrl}${payload.path}`;
  if (o.warmupS > 0) await wrk(url, script, o.connections, o.warmupS);
  const probe = o.probeUrl ? startProbe(o.probeUrl, o.probeHz) : undefined;
  const r = await wrk(url, script, o.connections, o.durationS);
  const probeStats = await probe?.stop();
  const reqPerSec = (r.requests - r.status) / (r.duration_us / 1e6);
  // No answer completed in the window (a slow case, a short BENCH_DURATION): no latency to show.
  const ms = (us: number): number => (r.requests > 0 ? us / 1000 : NaN);
  return {
    reqPerSec,
    rowsPerSec: reqPerSec * payload.rows,
    p50: ms(r.p50_us),
    p99: ms(r.p99_us),
    errors: r.connect + r.read + r.write + r.timeout,
    timeouts: r.timeout,
    non2xx: r.status,
    ...(probeStats && { probe: probeStats }),
  };
}

/**
 * Load with no measurement: a server's first minutes of traffic run cold code (V8 compiles its
 * hot paths as they get hot), which the per-case warm-up is too short to cover. The first case
 * each server gets is preceded by this, so no server is measured while its JIT is still cold.
 */
export async function warmServer(
  baseUrl: string,
  payload: Payload,
  connections: number,
  seconds: number,
): Promise<void> {
  if (seconds > 0)
    await wrk(`${baseUrl}${payload.path}`, writeScript(payload), connections, seconds);
}

function wrk(
  url: string,
  script: string,
  connections: number,
  seconds: number,
): Promise<WrkSummary> {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, url];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (code === 0 && line) resolve(JSON.parse(line.slice(MARK.length)) as WrkSummary);
      else reject(new Error(`wrk ${args.join(' ')} exited ${code}: ${out.trim()}`));
    });
  });
}

/** The payload's body as a file and a Lua script that sends it and prints the summary as JSON. */
function writeScript(payload: Payload): string {
  mkdirSync(SCRIPTS, { recursive: true });
  const body = join(SCRIPTS, `${payload.id}.body`);
  const script = join(SCRIPTS, `${payload.id}.lua`);
  writeFileSync(body, payload.body);
  const headers = Object.entries(payload.headers).map(
    ([k, v]) => `wrk.headers[${lua(k)}] = ${lua(v)}`,
  );
  writeFileSync(
    script,
    [
      `local f = assert(io.open(${lua(body)}, "rb"))`,
      'wrk.method = "POST"',
      'wrk.body = f:read("*all")',
      'f:close()',
      ...headers,
      'done = function(s, latency, _)',
      '  local e = s.errors',
      `  io.write(string.format('${MARK}{"requests":%d,"duration_us":%d,"status":%d,"connect":%d,"read":%d,` +
        `"write":%d,"timeout":%d,"p50_us":%d,"p99_us":%d}\\n',`,
      '    s.requests, s.duration, e.status, e.connect, e.read, e.write, e.timeout,',
      '    latency:percentile(50), latency:percentile(99)))',
      'end',
      '',
    ].join('\n'),
  );
  return script;
}

/** A Lua string literal (JSON's escapes are valid Lua for these ASCII paths and headers). */
function lua(text: string): string {
  return JSON.stringify(text);
}
