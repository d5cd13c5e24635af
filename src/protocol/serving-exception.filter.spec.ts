import { ArgumentsHost, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InvalidInputError, ServingError, ServingErrorCode } from '../common/errors/serving.errors';
import { outcomeOf } from '../inference/inference-record';
import { MAX_MESSAGE_CHARS, ServingExceptionFilter, STATUS } from './serving-exception.filter';
import { EncodedBody } from './shared/encoded-body';

class Coded extends ServingError {
  constructor(readonly code: ServingErrorCode) {
    super(code);
  }
}

describe('error statuses and inference outcomes', () => {
  // Metrics count inference outcomes in the core and HTTP outcomes by status: they must agree.
  it.each(Object.entries(STATUS))('%s (%i) has the outcome of its status class', (code, status) => {
    const expected = status >= 500 ? 'server_error' : 'client_error';
    expect(outcomeOf(new Coded(code as ServingErrorCode))).toBe(expected);
  });
});

describe('ServingExceptionFilter bounds what it answers and logs', () => {
  /** Runs the filter on `error` for `GET /x`, returning the answer's message and what was logged. */
  function filtered(error: unknown): { answer: string; logged: string[] } {
    let body: Buffer | undefined;
    const adapterHost = {
      httpAdapter: { reply: (_res: unknown, encoded: EncodedBody) => (body = encoded.body) },
    } as unknown as HttpAdapterHost;
    const host = {
      switchToHttp: () => ({
        getRequest: () => ({ method: 'GET', url: '/x' }),
        getResponse: () => ({}),
      }),
    } as unknown as ArgumentsHost;
    const logged: string[] = [];
    const record = (...parts: unknown[]) => void logged.push(parts.map(String).join(' '));
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(record);
    const error_ = jest.spyOn(Logger.prototype, 'error').mockImplementation(record);
    try {
      new ServingExceptionFilter(adapterHost).catch(error, host);
    } finally {
      warn.mockRestore();
      error_.mockRestore();
    }
    return { answer: (JSON.parse(String(body)) as { error: string }).error, logged };
  }

  it('cuts a message past MAX_MESSAGE_CHARS in the answer and the log line', () => {
    const { answer, logged } = filtered(new InvalidInputError(`name '${'A'.repeat(100_000)}'`));
    expect(answer.length).toBeLessThan(MAX_MESSAGE_CHARS + 40);
    expect(answer).toMatch(/^name 'A+…\[100007 characters\]$/);
    expect(logged).toHaveLength(1);
    expect(logged[0].length).toBeLessThan(MAX_MESSAGE_CHARS + 100);
  });

  it('cuts the logged stack of a 5xx, answering the generic message', () => {
    const { answer, logged } = filtered(new Error('A'.repeat(100_000)));
    expect(answer).toBe('internal server error');
    expect(logged[0].length).toBeLessThan(10_000);
  });

  it('leaves a short message as it is', () => {
    expect(filtered(new InvalidInputError("unknown model 'x'")).answer).toBe("unknown model 'x'");
  });
});
