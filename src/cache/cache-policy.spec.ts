import { bypassReason } from './cache-policy';

describe('bypassReason', () => {
  it.each([
    [undefined, undefined],
    [{}, undefined],
    [{ binary_data_output: true }, undefined],
    [{ cache: true }, undefined],
    [{ cache: 'false' }, undefined],
    [{ cache: false }, 'request'],
    [{ sequence_id: 7 }, 'sequence'],
    [{ sequence_id: 0, sequence_start: true }, 'sequence'],
    [{ sequence_end: false }, 'sequence'],
    [{ cache: false, sequence_id: 1 }, 'request'],
  ])('%j → %s', (parameters, reason) => {
    expect(bypassReason(parameters)).toBe(reason);
  });
});
