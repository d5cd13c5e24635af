import { httpError } from './answer-checks';
import { measure } from './load';
import { Payload, PayloadId } from './payloads';
import { Results } from './results';
import { Case, TARGET_LABELS, TargetId } from './scenarios';
import { RunningServer, fetchReply } from './servers/child-server';
import { BenchSettings } from './settings';

/** Starts a server, or says why it cannot run at all (a server this Perch or machine lacks). */
export type Starter = () => Promise<RunningServer> | string;

/**
 * Starts one server, runs its cases, stops it. Each case first sends one request and checks the
 * answer: a server that refuses it (a feature not merged yet) or answers wrongly gets the case
 * marked with the status and reason instead of being measured. The framework floors answer a
 * constant, so only their status is checked.
 */
export async function runTarget(
  target: TargetId,
  cases: readonly Case[],
  start: Starter,
  payloads: Readonly<Record<PayloadId, Payload>>,
  results: Results,
  settings: BenchSettings,
): Promise<void> {
  let server: RunningServer;
  try {
    const started = start();
    if (typeof started === 'string') return cases.forEach((c) => results.skip(c, started));
    server = await started;
  } catch (e) {
    const why = `did not start — ${String(e).split('\n').slice(0, 3).join(' ').slice(0, 300)}`;
    console.log(`${TARGET_LABELS[target]}: ${why}`);
    return cases.forEach((c) => results.skip(c, why));
  }
  try {
    for (const c of cases) {
      const payload = payloads[c.payload];
      const name = `${TARGET_LABELS[c.target]}, ${payload.label}, ${c.connections} conn.`;
      const reply = await fetchReply(`${server.url}${payload.path}`, {
        method: 'POST',
        headers: payload.headers,
        body: payload.body,
      });
      const problem = target.startsWith('floor') ? httpError(reply) : payload.check(reply);
      if (problem) {
        const status =
          reply.status === 200
            ? 'answer rejected (HTTP 200)'
            : `unsupported (HTTP ${reply.status})`;
        results.skip(c, `${status} — ${problem}`);
        console.log(`${name}: ${status}: ${problem}`);
        continue;
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
  } finally {
    await server.stop();
  }
}
