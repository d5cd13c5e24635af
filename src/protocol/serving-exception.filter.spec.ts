import { ServingError, ServingErrorCode } from '../common/errors/serving.errors';
import { outcomeOf } from '../inference/inference-record';
import { STATUS } from './serving-exception.filter';

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
