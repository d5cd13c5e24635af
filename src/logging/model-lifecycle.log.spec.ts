import { ModelLifecycleEvent } from '../registry/model-lifecycle';
import { logLifecycle } from './model-lifecycle.log';

type Level = 'debug' | 'info' | 'error';

/** [event, level, fields, message] */
const CASES: [ModelLifecycleEvent, Level, Record<string, unknown>, string][] = [
  [
    { kind: 'loading', model: 'm', version: 2 },
    'debug',
    { event: 'model_loading', model: 'm', version: '2', duration_ms: undefined },
    "model 'm' version 2 loading",
  ],
  [
    { kind: 'ready', model: 'm', version: 2, durationMs: 12.34567 },
    'info',
    { event: 'model_ready', model: 'm', version: '2', duration_ms: 12.346 },
    "model 'm' version 2 ready in 12.346 ms",
  ],
  [
    { kind: 'failed', model: 'm', version: 2, reason: 'failed to load: bad file', durationMs: 3 },
    'error',
    { event: 'model_failed', version: '2', reason: 'failed to load: bad file', duration_ms: 3 },
    "model 'm' version 2 is UNAVAILABLE: failed to load: bad file",
  ],
  [
    { kind: 'failed', model: 'm', version: null, reason: 'config.json: bad' },
    'error',
    { event: 'model_failed', version: undefined, reason: 'config.json: bad' },
    "model 'm' is UNAVAILABLE: config.json: bad",
  ],
  [
    { kind: 'unloaded', model: 'm', version: 1, durationMs: 0.5 },
    'info',
    { event: 'model_unloaded', version: '1', duration_ms: 0.5 },
    "model 'm' version 1 unloaded",
  ],
];

describe('logLifecycle', () => {
  it.each(CASES)('%j', (event, level, fields, message) => {
    const logger = { debug: jest.fn(), info: jest.fn(), error: jest.fn() };
    logLifecycle(logger as unknown as Parameters<typeof logLifecycle>[0], event);
    expect(logger[level]).toHaveBeenCalledWith(expect.objectContaining(fields), message);
    for (const other of (['debug', 'info', 'error'] as const).filter((l) => l !== level))
      expect(logger[other]).not.toHaveBeenCalled();
  });
});
