import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { capMessage } from '../common/client-text';
import {
  OverloadedError,
  RateLimitedError,
  ServingError,
  ServingErrorCode,
} from '../common/errors/serving.errors';
import { nodeRequest } from '../common/node-request';
import { pathOf } from '../common/url-path';
import { EncodedBody } from './shared/encoded-body';

/** HTTP status of each core error code; the only place the two meet (cf. Triton's HttpCodeFromError). */
export const STATUS: Readonly<Record<ServingErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  UNSUPPORTED: 400,
  MODEL_NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_ENCODING: 415,
  QUEUE_FULL: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_IMPLEMENTED: 501,
  MODEL_NOT_READY: 503,
  TIMEOUT: 503,
  OVERLOADED: 503,
};

/** The longest error message answered or logged; longer ones are cut and marked. */
export const MAX_MESSAGE_CHARS = 2048;
/** The longest stack logged with a 5xx (its first line repeats the error's own message). */
const MAX_STACK_CHARS = 8192;

/**
 * Every error of every route ends here and leaves as `{"error": "<message>"}`, the body the
 * Open Inference Protocol and KServe V1 both specify. Client faults are logged once at warn;
 * anything unexpected is logged with its stack and answered 500 with a generic message.
 */
@Catch()
export class ServingExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const described = describeError(exception);
    const { status } = described;
    const request = http.getRequest<{ method?: string; url?: string; originalUrl?: string }>();
    const incoming = nodeRequest(http.getRequest());
    // Express rewrites `url` inside mounted middleware (the body reader's errors said "POST /").
    const url = request.originalUrl ?? request.url ?? '';
    const path = pathOf(url);
    const where = `${request.method ?? ''} ${path}`.slice(0, 200);
    // Nest's unknown-route error quotes the URL whole ("Cannot GET /x?token=..."): keep its path.
    const named = url === path ? described.message : described.message.split(url).join(path);
    // The backstop behind clientText(): whatever built the message, answer and log line stay small.
    const message = capMessage(named, MAX_MESSAGE_CHARS);
    if (status >= 500) {
      const stack = exception instanceof Error ? exception.stack : undefined;
      this.logger.error(
        `${where} → ${status}: ${message}`,
        stack === undefined ? undefined : capMessage(stack, MAX_STACK_CHARS),
      );
    } else {
      this.logger.warn(`${where} → ${status}: ${message}`);
    }
    const headers = errorHeaders(exception, status);
    // A body left unread (refused before it was read, or cut off mid-read) is not read to its end
    // just to keep the connection: the client is told, and the connection closes after this answer.
    if (!incoming.complete) headers.Connection = 'close';
    this.adapterHost.httpAdapter.reply(
      http.getResponse(),
      EncodedBody.json({ error: message }, status, headers),
      status,
    );
  }
}

/** The status and message every error of every route is answered with. */
export function describeError(exception: unknown): { status: number; message: string } {
  if (exception instanceof ServingError)
    return { status: STATUS[exception.code], message: exception.message };
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : exception.message;
    return { status: exception.getStatus(), message };
  }
  return { status: 500, message: 'internal server error' };
}

/** 429 and an overload's 503 tell the client when to come back; 401 which scheme to use. */
export function errorHeaders(exception: unknown, status: number): Record<string, string> {
  if (status === 429 || exception instanceof OverloadedError)
    return { 'Retry-After': String(retryAfter(exception)) };
  if (status === 401) return { 'WWW-Authenticate': 'Bearer' };
  return {};
}

/** Seconds a 429 asks the client to wait: the limiter's own figure, else 1 (a queue drains fast). */
function retryAfter(exception: unknown): number {
  return exception instanceof RateLimitedError ? exception.retryAfterSeconds : 1;
}
