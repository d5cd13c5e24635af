import type { PerchClient, RepositoryIndexEntry } from '../../clients/typescript/src/index.js';
import { perchJson } from './session.js';

/** One model version as the models view lists it. */
export interface ModelRow {
  name: string;
  version: string;
  state: string;
  reason: string;
}

interface ReadyReport {
  details?: {
    models?: {
      notReady?: { model: string; version: number | null; state: string; reason: string }[];
    };
  };
}

/**
 * Every model version the server knows, with its state. With the repository API and an admin
 * token: its index (unloaded models included). Otherwise the statistics list the READY
 * versions and /health/ready the others, with their reasons.
 */
export async function modelRows(client: PerchClient, useIndex: boolean): Promise<ModelRow[]> {
  if (useIndex) return (await client.repositoryIndex(false)).map(fromIndex).sort(byName);
  const [stats, ready] = await Promise.all([
    client.modelStatistics(),
    perchJson<ReadyReport>('/health/ready'),
  ]);
  const rows: ModelRow[] = stats.model_stats.map((s) => ({
    name: s.name,
    version: s.version,
    state: 'READY',
    reason: '',
  }));
  for (const m of ready.details?.models?.notReady ?? [])
    rows.push({
      name: m.model,
      version: m.version === null ? '' : String(m.version),
      state: m.state,
      reason: m.reason,
    });
  return rows.sort(byName);
}

function fromIndex(e: RepositoryIndexEntry): ModelRow {
  return { name: e.name, version: e.version ?? '', state: e.state ?? '', reason: e.reason ?? '' };
}

function byName(a: ModelRow, b: ModelRow): number {
  return a.name.localeCompare(b.name) || Number(a.version) - Number(b.version);
}
