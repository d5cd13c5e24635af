import { VersionPolicy } from './model-config';

/**
 * Which versions a policy asks to serve, given the versions found on disk (ascending).
 * `specific` may name versions that are missing: the registry reports those as UNAVAILABLE.
 */
export function selectVersions(policy: VersionPolicy, available: readonly number[]): number[] {
  switch (policy.kind) {
    case 'all':
      return [...available];
    case 'latest':
      return available.slice(-policy.numVersions);
    case 'specific':
      return [...new Set(policy.versions)].sort((a, b) => a - b);
  }
}
