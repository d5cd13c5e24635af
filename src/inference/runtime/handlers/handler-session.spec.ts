import { Logger } from '@nestjs/common';
import { ServingError, TimeoutError } from '../../../common/errors/serving.errors';
import { HandlerError } from '../../../handlers';
import { STATUS } from '../../../protocol/serving-exception.filter';
import { RunFailure } from '../pool/pool-protocol';
import { faultOf, loadFailureOf } from './handler-host';
import { handlerError } from './handler-session';
import { HandlerSpec } from './handler-spec';

const spec = { model: 'shop', version: 2, file: '/repo/shop/2/model.ts' } as HandlerSpec;

/** A handler's throw as its thread reports it, then as the main thread answers it. */
function answered(thrown: unknown): { error: ServingError; logged: string[] } {
  const logged: string[] = [];
  const logger = { error: (m: string) => logged.push(m) } as unknown as Logger;
  const { message, code } = faultOf(thrown);
  return { error: handlerError(new RunFailure(message, code), spec, logger), logged };
}

describe('handler error mapping', () => {
  it.each([
    ['INVALID_ARG', 400],
    ['NOT_FOUND', 404],
    ['UNAVAILABLE', 503],
    ['UNSUPPORTED', 501],
  ] as const)('a HandlerError %s answers %i with its own message', (code, status) => {
    const { error, logged } = answered(new HandlerError(code, 'record 3: no such customer'));
    expect(STATUS[error.code]).toBe(status);
    expect(error.message).toBe("model 'shop' version 2: record 3: no such customer");
    expect(logged).toEqual([]);
  });

  it.each([
    ['an Error', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a string', 'secret detail'],
    [
      'an Error posing as a HandlerError',
      Object.assign(new Error('db password'), { code: 'INVALID_ARG' }),
    ],
    ['a HandlerError with a code of its own', new HandlerError('TEAPOT' as 'NOT_FOUND', 'x')],
  ])(
    'anything else (%s) is a 500 that says only which model failed, details logged',
    (_k, thrown) => {
      const { error, logged } = answered(thrown);
      expect(STATUS[error.code]).toBe(500);
      expect(error.message).toBe(
        "model 'shop' version 2: the handler failed (the server log has the details)",
      );
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain("model 'shop' version 2: the handler failed:");
    },
  );

  it("keeps the details of a generic error in the log line, with the handler's stack", () => {
    const { logged } = answered(new RangeError('index 7 out of range'));
    expect(logged[0]).toMatch(/RangeError: index 7 out of range\n\s+at /);
  });

  it("passes Perch's own errors (the call's timeout) as they are", () => {
    const timeout = new TimeoutError('too slow');
    expect(handlerError(timeout, spec, new Logger())).toBe(timeout);
  });
});

describe('loadFailureOf', () => {
  it('names the error and where in the handler file it was thrown', () => {
    const e = new Error('no licence file');
    e.stack = `Error: no licence file\n    at Object.<anonymous> (${spec.file}:12:7)\n    at x (node:vm:1:1)`;
    expect(loadFailureOf(e, spec.file)).toBe('Error: no licence file (at model.ts:12:7)');
  });

  it('keeps to the first line of a long message', () => {
    expect(loadFailureOf(new SyntaxError('Unexpected token\nmore'), spec.file)).toBe(
      'SyntaxError: Unexpected token',
    );
  });
});
