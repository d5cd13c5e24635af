import { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { scopedLogger } from './log-scope';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's start-up narration (a line per module initialized, per controller and per route mapped,
 * "starting", "started"): dozens of lines that hide the few a person needs, so debug, not info.
 */
export const NEST_BOOT_CONTEXTS: ReadonlySet<string> = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * Nest's LoggerService on pino: every `new Logger(context)` line in Perch and Nest's own become
 * one JSON line with `context`, and, inside a request, its `request_id` (and model and version
 * once known). Nest's calling convention: the context is the last argument; its exception
 * handlers pass a stack as a second string, which becomes `err`.
 */
export class PerchLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.call('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.call('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    const boot = typeof context === 'string' && NEST_BOOT_CONTEXTS.has(context);
    this.call(boot ? 'debug' : 'info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.call('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.call('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.call('fatal', message, params);
  }

  private call(level: Level, message: unknown, params: unknown[]): void {
    const logger = scopedLogger(this.root);
    if (!logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let rest = params;
    if (params.length > 0) {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    if (typeof message === 'object' && message !== null) {
      if (message instanceof Error) fields.err = message;
      else Object.assign(fields, message);
      logger[level](fields, ...(rest as []));
    } else if (level === 'error' && isStack(rest)) {
      const err = new Error(String(message));
      err.stack = rest[0] as string;
      logger[level]({ ...fields, err });
    } else {
      logger[level](fields, String(message), ...(rest as []));
    }
  }
}

/** Nest's exception handlers call error(message, stack): one string that reads like a stack. */
function isStack(rest: unknown[]): boolean {
  return rest.length === 1 && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0]);
}
