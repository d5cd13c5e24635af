import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Whether the (real) path `p` is `realDir` itself or lies below it. */
export function isWithin(realDir: string, p: string): boolean {
  const rel = path.relative(realDir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The real path of `p` (every symlink resolved) when it exists and lies inside `realDir`, else
 * undefined: the one check every path the registry reads or writes passes.
 */
export async function realPathInside(realDir: string, p: string): Promise<string | undefined> {
  const real = await fs.realpath(p).catch(() => undefined);
  return real !== undefined && isWithin(realDir, real) ? real : undefined;
}
