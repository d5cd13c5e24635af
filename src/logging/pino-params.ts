import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { DestinationStream, LevelWithSilent, stdTimeFunctions } from 'pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';
import { contentLength } from '../common/content-length';
import { pathOf } from '../common/url-path';
import { AppConfig, LogLevel } from '../config/app-config';
import { arrivalOf, requestIdFor } from './request-context';

/** LOG_LEVEL keeps Nest's names; pino calls `log` info and `verbose` trace. */
export const PINO_LEVEL: Readonly<Record<LogLevel, LevelWithSilent>> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Credentials never reach a log line, whatever logs a request or its headers. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
];

/** Health probes: polled every few seconds by orchestrators, so their lines go to debug. */
const PROBE = /^\/(v2\/)?health(\/|$)/;

/**
 * nestjs-pino settings: JSON lines on stdout (pino-pretty when it is a terminal), one line per
 * HTTP request at info (debug for probes and the metrics path) with flat, snake_case fields, and
 * model/version added by the data plane through PinoLogger.assign (assignResponse).
 */
export function pinoParams(
  config: Pick<AppConfig, 'logLevel' | 'metricsPath'>,
  stdoutIsTty: boolean,
): Params {
  const quiet = (req: IncomingMessage): boolean => {
    const path = arrivalOf(req)?.path ?? pathOf(req.url ?? '');
    return PROBE.test(path) || path === config.metricsPath;
  };
  const options: Options = {
    level: PINO_LEVEL[config.logLevel],
    formatters: { level: (label) => ({ level: label }) },
    timestamp: stdTimeFunctions.isoTime,
    redact: { paths: REDACTED, censor: '[redacted]' },
    // Bind only the request id to every line of a request; the access line carries the rest.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'request_id' },
    // tagRequests (request-context.ts) has set req.id before any middleware; this is a fallback.
    genReqId: (req) => req.id ?? requestIdFor(undefined),
    customLogLevel: (req) => (quiet(req) ? 'debug' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request completed',
    customSuccessObject: accessLine,
    customErrorObject: accessLine,
  };
  const pinoHttp: Params['pinoHttp'] = stdoutIsTty ? [options, prettyStream()] : options;
  return { pinoHttp, assignResponse: true };
}

/** The fields of a request's line (model and version come from the data plane's assign). */
function accessLine(req: IncomingMessage, res: ServerResponse): Record<string, unknown> {
  const arrival = arrivalOf(req);
  return {
    method: req.method,
    path: arrival?.path ?? pathOf(req.url ?? ''),
    status: res.statusCode,
    duration_ms: arrival ? Math.round((performance.now() - arrival.at) * 1000) / 1000 : undefined,
    req_bytes: contentLength(req.headers['content-length']),
    res_bytes: contentLength(res.getHeader('content-length')),
  };
}

function prettyStream(): DestinationStream {
  return pretty({ colorize: true, singleLine: true, sync: true, ignore: 'pid,hostname' });
}
