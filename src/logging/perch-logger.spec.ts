import { memoryLogger } from '../../test/helpers/memory-logger';
import { assignModel, enterRequestScope } from './log-scope';
import { PerchLogger } from './perch-logger';

describe('PerchLogger (Nest LoggerService on pino)', () => {
  it('writes the context, and maps Nest levels to pino levels', () => {
    const { logger, lines } = memoryLogger();
    const nest = new PerchLogger(logger);
    nest.log('hello', 'Main');
    nest.verbose('fine', 'Main');
    nest.warn({ a: 1 }, 'Ctx');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'Main', msg: 'hello' }),
      expect.objectContaining({ level: 'trace', context: 'Main', msg: 'fine' }),
      expect.objectContaining({ level: 'warn', context: 'Ctx', a: 1 }),
    ]);
  });

  it("writes Nest's start-up narration (modules, routes mapped) at debug, not info", () => {
    const { logger, lines } = memoryLogger('debug');
    const nest = new PerchLogger(logger);
    nest.log('Mapped {/v2, GET} route', 'RouterExplorer');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('Perch listening on http://127.0.0.1:8080', 'Main');
    expect(lines.map((l) => [l.level, l.context])).toEqual([
      ['debug', 'RouterExplorer'],
      ['debug', 'InstanceLoader'],
      ['info', 'Main'],
    ]);
  });

  it("turns Nest's error(message, stack, context) into an err with that stack", () => {
    const { logger, lines } = memoryLogger();
    new PerchLogger(logger).error('it broke', 'Error: it broke\n    at x (y.js:1:1)', 'Errors');
    expect(lines[0]).toMatchObject({
      level: 'error',
      context: 'Errors',
      err: { message: 'it broke', stack: 'Error: it broke\n    at x (y.js:1:1)' },
    });
  });

  it('skips levels that are off without building the line', () => {
    const { logger, lines } = memoryLogger('warn');
    new PerchLogger(logger).log('quiet', 'Main');
    expect(lines).toEqual([]);
  });

  it("binds the request's id, then its model and version, inside a request scope", async () => {
    const { logger, lines } = memoryLogger();
    const nest = new PerchLogger(logger);
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        enterRequestScope({ requestId: 'r-1' });
        nest.log('before', 'X');
        assignModel('iris', '2');
        assignModel('other', '9');
        void Promise.resolve().then(() => {
          nest.log('after', 'X');
          resolve();
        });
      }),
    );
    nest.log('outside', 'X');
    expect(lines[0]).toMatchObject({ request_id: 'r-1', msg: 'before' });
    expect(lines[0]).not.toHaveProperty('model');
    expect(lines[1]).toMatchObject({
      request_id: 'r-1',
      model: 'iris',
      version: '2',
      msg: 'after',
    });
    expect(lines[2]).not.toHaveProperty('request_id');
  });
});
