import { ModelStatus } from './model-state';

/**
 * The start-up summary of what the repository holds: `3 models, 0 versions not ready: iris v1
 * READY, langid v2 READY, broken UNAVAILABLE (config.json: …)`. One line a person reads to see
 * every model and its state.
 */
export function repositorySummary(models: readonly ModelStatus[]): string {
  const notReady = models.reduce(
    (n, m) =>
      n + (m.versions.length === 0 ? 1 : m.versions.filter((v) => v.state !== 'READY').length),
    0,
  );
  const entries = [...models]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((m) =>
      m.versions.length === 0
        ? [`${m.name} UNAVAILABLE${m.reason ? ` (${m.reason})` : ''}`]
        : m.versions.map(
            (v) => `${m.name} v${v.version} ${v.state}${v.reason ? ` (${v.reason})` : ''}`,
          ),
    );
  const head = `${models.length} models, ${notReady} versions not ready`;
  return entries.length === 0 ? head : `${head}: ${entries.join(', ')}`;
}
