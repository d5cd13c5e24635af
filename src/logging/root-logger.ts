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
 * The process's pino logger: JSON lines on stdout (pino-pretty when stdout is a terminal), the
 * level as its label, an ISO time, credentials redacted. Lines leave asynchronously: the event
 * loop only appends to a buffer, which is written by libuv whenever the previous write is done,
 * so a burst of requests costs one write, not one syscall per access line; pino flushes what is
 * left when the process exits.
 */
export async function createRootLogger(level: LogLevel, stdoutIsTty: boolean): Promise<Logger> {
  const options: pino.LoggerOptions = {
    level: PINO_LEVEL[level],
    formatters: { level: (label) => ({ level: label }) },
    timestamp: isoTime,
    redact: { paths: REDACTED, censor: '[redacted]' },
  };
  // pino-pretty is loaded only for a terminal (a container's logs are JSON).
  const destination: DestinationStream = stdoutIsTty
    ? (await import('pino-pretty')).default({
        colorize: true,
        singleLine: true,
        sync: true,
        ignore: 'pid,hostname',
      })
    : pino.destination({ dest: 1, sync: false });
  return pino(options, destination);
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
