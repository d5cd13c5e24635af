import {
  InternalError,
  InvalidInputError,
  ModelNotReadyError,
  QueueFullError,
  TimeoutError,
} from '../common/errors/serving.errors';
import { outcomeOf } from './inference-record';

describe('outcomeOf', () => {
  it.each([
    [new InvalidInputError('x'), 'client_error'],
    [new QueueFullError('x'), 'client_error'],
    [new ModelNotReadyError('x'), 'server_error'],
    [new TimeoutError('x'), 'server_error'],
    [new InternalError('x'), 'server_error'],
    [new Error('anything else'), 'server_error'],
    ['not even an Error', 'server_error'],
  ])('%p is a %s', (error, outcome) => {
    expect(outcomeOf(error)).toBe(outcome);
  });
});
