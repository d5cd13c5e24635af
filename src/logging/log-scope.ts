import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/** What every log line of one request carries, and the child logger made for them (lazily). */
export interface RequestScope {
  readonly requestId: string;
  /** The served model and version, once the data plane knows them (for the access line too). */
  model?: string;
  version?: string;
  logger?: Logger;
}

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Makes `scope` the current request's for everything that follows synchronously and every
 * callback and promise created from it. Called from the server's first 'request' listener, so
 * the framework's own listener, which runs next, and all it starts are in the request's scope.
 */
export function enterRequestScope(scope: RequestScope): void {
  storage.enterWith(scope);
}

/** Runs `fn` with `scope` as the current request's (for callers outside the HTTP server: gRPC). */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The current request's scope; undefined outside a request (start-up, timers, the pool). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Records the served model and version on the current request (once; V1 may run several). */
export function assignModel(model: string, version: string): void {
  const scope = storage.getStore();
  if (!scope || scope.model !== undefined) return;
  scope.model = model;
  scope.version = version;
  scope.logger = undefined;
}

/**
 * The logger for a line written now: a child of `root` bound to the request's id, model and
 * version, made on the first line a request logs (most requests log none but their access line,
 * which is written without one); `root` outside a request.
 */
export function scopedLogger(root: Logger): Logger {
  const scope = storage.getStore();
  if (!scope) return root;
  scope.logger ??= root.child({
    request_id: scope.requestId,
    ...(scope.model !== undefined && { model: scope.model, version: scope.version }),
  });
  return scope.logger;
}
