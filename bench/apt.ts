import { spawnSync } from 'node:child_process';

/**
 * Makes Debian packages present: nothing when `present()` already holds, else `apt-get install`
 * as root. Returns why it could not, or undefined when they are there.
 */
export function ensureDebianPackages(
  packages: readonly string[],
  present: () => boolean,
): string | undefined {
  if (present()) return undefined;
  const install = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (process.getuid?.() !== 0) return `${packages.join(', ')} not installed; as root: ${install}`;
  console.log(`bench: installing ${packages.join(' ')} with apt-get …`);
  const r = spawnSync('bash', ['-c', install], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: 'ignore',
    timeout: 600_000,
  });
  if (r.status !== 0 || !present()) return `\`${install}\` failed (exit ${r.status})`;
  return undefined;
}
