import { selectVersions } from './version-policy';

describe('selectVersions', () => {
  it.each([
    [{ kind: 'latest', numVersions: 1 } as const, [1, 2, 3], [3]],
    [{ kind: 'latest', numVersions: 2 } as const, [1, 2, 3], [2, 3]],
    [{ kind: 'latest', numVersions: 5 } as const, [1, 2], [1, 2]],
    [{ kind: 'all' } as const, [1, 4], [1, 4]],
    [{ kind: 'specific', versions: [4, 1, 4] } as const, [1, 2, 3], [1, 4]],
    [{ kind: 'latest', numVersions: 1 } as const, [], []],
  ])('%j over %j → %j', (policy, available, expected) => {
    expect(selectVersions(policy, available)).toEqual(expected);
  });
});
