import { httpError } from './answer-checks';
import { measure, warmServer } from './load';
import { Payload, PayloadId } from './payloads';
import { Results } from './results';
import { Case, TARGET_LABELS, TargetId } from './scenarios';
import { RunningServer, fetchReply } from './servers/child-server';
import { BenchSettings } from './settings';

/** Starts a server, or says why it cannot run at all (a server this Perch or machine lacks). */
export type Starter = () => Promise<RunningServer> | string;

/** The servers of a round, restarted when one has ended on its own (noted in `restarts`). */
export interface ServerPool {
  readonly servers: Map<TargetId, RunningServer>;
  readonly starters: Readonly<Record<TargetId, Starter>>;
  readonly restarts: string[];
}

/**
 * The server for a case: the running one, or a fresh one when it has ended on its own (killed
 * from outside, crashed), so one lost process does not blank the rest of the run.
 */
export async function serverFor(
  pool: ServerPool,
  target: TargetId,
): Promise<RunningServer | undefined> {
  const server = pool.servers.get(target);
  const ended = server?.exited();
  if (!server || !ended) return server;
  console.log(`${ended}; restarting it`);
  pool.restarts.push(ended);
  try {
    const started = pool.starters[target]();
    if (typeof started === 'string') return undefined;
    const fresh = await started;
    pool.servers.set(target, fresh);
    return fresh;
  } catch (e) {
    pool.restarts.push(`${TARGET_LABELS[target]} did not restart: ${String(e).split('\n')[0]}`);
    return server;
  }
}

/**
 * Starts every server the cases need, one after the other; a server that cannot run gets all
 * its cases marked with the reason. Idle servers cost the measured one nothing but memory, and
 * having them all up lets the cases of one scenario run back to back, seconds apart.
 */
export async function startServers(
  cases: readonly Case[],
  starters: Readonly<Record<TargetId, Starter>>,
  results: Results,
): Promise<Map<TargetId, RunningServer>> {
  const servers = new Map<TargetId, RunningServer>();
  for (const target of new Set(cases.map((c) => c.target))) {
    const skip = (why: string): void =>
      cases.filter((c) => c.target === target).forEach((c) => results.skip(c, why));
    try {
      const started = starters[target]();
      if (typeof started === 'string') skip(started);
      else servers.set(target, await started);
    } catch (e) {
      const why = `did not start — ${String(e).split('\n').slice(0, 3).join(' ').slice(0, 300)}`;
      console.log(`${TARGET_LABELS[target]}: ${why}`);
      skip(why);
    }
  }
  return servers;
}

/** Servers that have had their first-case warm-up (a restarted server is a new object). */
const warmed = new WeakSet<RunningServer>();
/** Enough connections to exercise a server's concurrent path, not only its one-at-a-time one. */
const SERVER_WARMUP_CONNECTIONS = 16;

/**
 * One case: first one request whose answer is checked. A server that refuses it (a feature not
 * merged yet) or answers wrongly gets the case marked with the status and reason instead of
 * being measured. The framework floors answer a constant, so only their status is checked.
 */
export async function runCase(
  c: Case,
  server: RunningServer,
  payloads: Readonly<Record<PayloadId, Payload>>,
  results: Results,
  settings: BenchSettings,
): Promise<void> {
  const payload = payloads[c.payload];
  const name = `${TARGET_LABELS[c.target]}, ${payload.label}, ${c.connections} conn.`;
  const reply = await fetchReply(`${server.url}${payload.path}`, {
    method: 'POST',
    headers: payload.headers,
    body: payload.body,
  });
  const problem = c.target.startsWith('floor') ? httpError(reply) : payload.check(reply);
  if (problem) {
    const status =
      reply.status === 0
        ? 'no answer'
        : reply.status === 200
          ? 'answer rejected (HTTP 200)'
          : `unsupported (HTTP ${reply.status})`;
    results.skip(c, `${status} — ${problem}`);
    console.log(`${name}: ${status}: ${problem}`);
    return;
  }
  if (!warmed.has(server)) {
    warmed.add(server);
    await warmServer(server.url, payload, SERVER_WARMUP_CONNECTIONS, settings.serverWarmupS);
  }
  const probeUrl = c.probe ? `${server.url}/health/live` : undefined;
  const m = await measure(server.url, payload, {
    ...settings,
    connections: c.connections,
    probeUrl,
  });
  results.add(c, m);
  const probe = m.probe ? `, /health/live p99 ${m.probe.p99.toFixed(1)} ms` : '';
  console.log(
    `${name}: ${Math.round(m.reqPerSec)} req/s, p99 ${m.p99.toFixed(1)} ms, ` +
      `${m.errors} errors, ${m.non2xx} non-2xx${probe}`,
  );
}
