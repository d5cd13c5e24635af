import { LoadedSession } from '../inference/runtime/model-runner';
import { parseModelConfig } from './model-config.parser';
import { VersionHandle } from './version-handle';

const session = (): LoadedSession & { disposed: boolean } => {
  const s = {
    inputs: [],
    outputs: [],
    disposed: false,
    run: async () => [],
    dispose: async () => {
      s.disposed = true;
    },
  };
  return s;
};

describe('VersionHandle', () => {
  const make = (s: LoadedSession) =>
    new VersionHandle(
      s,
      { maxBatchSize: 0, inputs: [], outputs: [] },
      parseModelConfig('m', undefined),
      'f',
    );

  it('disposes at once when nothing is in flight', async () => {
    const s = session();
    await make(s).retire();
    expect(s.disposed).toBe(true);
  });

  it('waits for every lease before disposing', async () => {
    const s = session();
    const handle = make(s);
    const endA = handle.lease();
    const endB = handle.lease();
    const retired = handle.retire();
    await Promise.resolve();
    endA();
    endA();
    expect(handle.inFlight).toBe(1);
    expect(s.disposed).toBe(false);
    endB();
    await retired;
    expect(s.disposed).toBe(true);
  });
});
