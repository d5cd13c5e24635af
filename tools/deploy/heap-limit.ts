/** `--max-old-space-size` in NODE_OPTIONS, in MiB, and the memory limit in MiB. */
export function heapAndLimit(
  env: ReadonlyArray<{ name: string; value?: string }> | undefined,
  limit: unknown,
): { heap: number; limit: number } {
  const options = env?.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '';
  const heap = Number(/--max-old-space-size=(\d+)/.exec(options)?.[1]);
  const [, n, unit] = /^(\d+)(Mi|Gi)$/.exec(String(limit)) ?? [];
  return { heap, limit: Number(n) * (unit === 'Gi' ? 1024 : 1) };
}
