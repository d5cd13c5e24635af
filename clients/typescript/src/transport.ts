import { InferenceConnectionError, InferenceServerError, InferenceTimeoutError } from './errors.js';

/** What every call accepts. */
export interface CallOptions {
  /** Cancels the call; it then rejects with the signal's reason (an `AbortError` by default). */
  signal?: AbortSignal;
  /** Gives up after this many ms with InferenceTimeoutError (default: the client's timeoutMs). */
  timeoutMs?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** One HTTP exchange's result: the status, headers and the whole body. */
export interface Exchange {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

export interface TransportSettings {
  baseUrl: string;
  timeoutMs: number;
  headers: Record<string, string>;
  fetch: typeof fetch;
}

/**
 * Sends one request and reads its whole answer. Resolves for 2xx answers (and for the statuses
 * in `accept`); rejects with InferenceServerError for others, InferenceTimeoutError when
 * `timeoutMs` passes first, InferenceConnectionError when nothing could be exchanged, and the
 * signal's reason when the caller aborted. The timer and the listener on the caller's signal
 * are removed when the call settles.
 */
export async function exchange(
  settings: TransportSettings,
  method: string,
  path: string,
  options: CallOptions & { body?: Uint8Array; accept?: readonly number[] },
): Promise<Exchange> {
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  const controller = new AbortController();
  const timedOut = new InferenceTimeoutError(timeoutMs);
  const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(timedOut), timeoutMs) : undefined;
  const onAbort = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await settings.fetch(settings.baseUrl + path, {
      method,
      headers: { ...settings.headers, ...options.headers },
      // Typed arrays are valid bodies everywhere; TypeScript's DOM types want an unshared buffer.
      body: options.body as RequestInit['body'],
      signal: controller.signal,
    });
    const body = new Uint8Array(await res.arrayBuffer());
    if (!res.ok && !options.accept?.includes(res.status))
      throw new InferenceServerError(
        res.status,
        errorMessage(body, res.statusText),
        res.headers.get('x-request-id') ?? undefined,
      );
    return { status: res.status, headers: res.headers, body };
  } catch (e) {
    if (e instanceof InferenceServerError) throw e;
    if (controller.signal.aborted) throw controller.signal.reason;
    throw new InferenceConnectionError(`${method} ${path}: ${(e as Error).message}`, { cause: e });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The body's JSON. */
export function json<T>(exchange: Exchange): T {
  return JSON.parse(new TextDecoder().decode(exchange.body)) as T;
}

/** The protocol's `{"error": "..."}` message, else the body's text, else the status text. */
function errorMessage(body: Uint8Array, statusText: string): string {
  const text = new TextDecoder().decode(body);
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: the text itself is the best message there is
  }
  return text || statusText;
}
