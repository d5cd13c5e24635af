import { CacheErrorLog } from './cache-error-log';

describe('CacheErrorLog', () => {
  it('logs a failure at most once per interval, saying how many it held back', () => {
    let now = 0;
    const lines: string[] = [];
    const logger = {
      warn: (m: string) => lines.push(`warn ${m}`),
      log: (m: string) => lines.push(`log ${m}`),
    };
    const log = new CacheErrorLog(logger, { now: () => now }, 10_000);
    log.failure('down');
    for (let i = 0; i < 500; i++) log.failure('still down');
    now = 9_999;
    log.failure('still down');
    expect(lines).toEqual(['warn response cache failed, requests are served by the model: down']);
    now = 10_000;
    log.failure('still down');
    expect(lines[1]).toBe(
      'warn response cache failed, requests are served by the model: still down (and 501 more failures since the last report)',
    );
    log.recovered('back');
    log.recovered('back');
    expect(lines.slice(2)).toEqual(['log back']);
  });

  it('says nothing about recovering when nothing failed', () => {
    const lines: string[] = [];
    const log = new CacheErrorLog(
      { warn: () => undefined, log: (m) => lines.push(m) },
      { now: () => 0 },
    );
    log.recovered('connected');
    expect(lines).toEqual([]);
  });
});
