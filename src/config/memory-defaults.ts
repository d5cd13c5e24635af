import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';

/** Where cgroup v2 (and v1) publish the container's memory limit. */
const CGROUP_LIMIT_FILES = [
  '/sys/fs/cgroup/memory.max',
  '/sys/fs/cgroup/memory/memory.limit_in_bytes',
];

/** Share of the process's memory that request bodies being read and parsed may claim by default. */
export const BODY_BUDGET_SHARE = 0.25;

/** The memory this process may use: the container's limit when one is set, else the machine's RAM. */
export function memoryLimitBytes(): number {
  const machine = totalmem();
  for (const file of CGROUP_LIMIT_FILES) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch {
      continue;
    }
    const limit = Number(text);
    // "max" (v2) or a huge sentinel (v1) means no limit: the machine's RAM is what bounds us.
    if (Number.isFinite(limit) && limit > 0 && limit < machine) return limit;
  }
  return machine;
}

/**
 * MAX_INFLIGHT_BODY_BYTES when unset: a quarter of the memory limit, so parsing bodies can never
 * take the pod past its limit while models, sessions and answers use the rest.
 */
export function defaultInflightBodyBytes(limitBytes = memoryLimitBytes()): number {
  return Math.floor(limitBytes * BODY_BUDGET_SHARE);
}
