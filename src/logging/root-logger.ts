import pino, { DestinationStream, Logger } from 'pino';
import { LogLevel } from '../config/app-config';

/** Injection token of the process's one pino logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** LOG_LEVEL keeps Nest's names; pino calls `log` info and `verbose` trace. */
export const PINO_LEVEL: Readonly<Record<LogLevel, pino.LevelWithSilent>> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Credentials never reach a log line, whatever logs a request or its headers. */
export const REDACTED = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
];

/**
 * The process's pino logger: JSON lines on stdout (pino-pretty when `pretty`: LOG_FORMAT), the
 * level as its label, an ISO time, credentials redacted. Lines are buffered and leave in writes
 * of at least 4 KiB, or every FLUSH_MS: each write wakes one of libuv's threads, which cost ~30 µs
 * of the event loop's time per access line when every line was a write of its own. pino writes
 * what is left when the process exits.
 */
export async function createRootLogger(level: LogLevel, pretty: boolean): Promise<Logger> {
  const options: pino.LoggerOptions = {
    level: PINO_LEVEL[level],
    formatters: { level: (label) => ({ level: label }) },
    timestamp: isoTime,
    redact: { paths: REDACTED, censor: '[redacted]' },
  };
  // pino-pretty is loaded only when asked for (a container's logs are JSON).
  const destination: DestinationStream = pretty
    ? (await import('pino-pretty')).default({
        // Left to pino-pretty: colours on a terminal, none in a pipe or with NO_COLOR set.
        singleLine: true,
        sync: true,
        ignore: 'pid,hostname',
      })
    : buffered();
  return pino(options, destination);
}

/** Longest a line waits in the buffer, in ms. */
const FLUSH_MS = 100;

function buffered(): DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => stream.flush(), FLUSH_MS).unref();
  return stream;
}

let lastMs = 0;
let lastIso = '';

/** pino's isoTime, formatted once per millisecond: a busy server writes many lines in each. */
export function isoTime(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastIso;
}
