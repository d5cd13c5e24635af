import type { Logger } from 'pino';
import { ModelLifecycleEvent } from '../registry/model-lifecycle';

/**
 * One structured line per lifecycle step: `event` (model_loading, model_ready, model_failed,
 * model_unloaded, model_evicted), model, version, duration_ms and, for failures, the reason.
 * Failures at error, loading at debug (the ready or failed line follows it), the rest at info.
 * The message repeats the facts for people reading the raw line.
 */
export function logLifecycle(
  logger: Pick<Logger, 'debug' | 'info' | 'error'>,
  e: ModelLifecycleEvent,
): void {
  const version = e.version === null ? undefined : String(e.version);
  const what = `model '${e.model}'${version === undefined ? '' : ` version ${version}`}`;
  const duration = 'durationMs' in e && e.durationMs !== undefined ? ms(e.durationMs) : undefined;
  const fields = { event: `model_${e.kind}`, model: e.model, version, duration_ms: duration };
  switch (e.kind) {
    case 'loading':
      return logger.debug(fields, `${what} loading`);
    case 'ready':
      return logger.info(
        { ...fields, placement: e.placement },
        `${what} ready in ${duration} ms${e.placement ? ` (${e.placement})` : ''}`,
      );
    case 'failed':
      return logger.error({ ...fields, reason: e.reason }, `${what} is UNAVAILABLE: ${e.reason}`);
    case 'unloaded':
      return logger.info(fields, `${what} unloaded`);
    case 'evicted':
      return logger.info(
        { ...fields, bytes: e.bytes },
        `${what} evicted (least recently used, idle): STANDBY`,
      );
    case 'cold_start':
      // One per waiting request: counted by the metrics, not worth a line each.
      return;
  }
}

function ms(value: number): number {
  return Math.round(value * 1000) / 1000;
}
