import { createRootLogger, isoTime, PINO_LEVEL } from './root-logger';

describe('createRootLogger', () => {
  it.each(Object.entries(PINO_LEVEL))(
    'maps LOG_LEVEL=%s to pino level %s',
    async (nest, pinoLevel) => {
      expect((await createRootLogger(nest as keyof typeof PINO_LEVEL, false)).level).toBe(
        pinoLevel,
      );
    },
  );

  it('formats the time as ISO 8601, the same string within a millisecond', () => {
    const a = isoTime();
    expect(a).toMatch(/^,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
    expect(Date.parse(JSON.parse(`{${a.slice(1)}}`).time)).toBeLessThanOrEqual(Date.now());
  });
});
