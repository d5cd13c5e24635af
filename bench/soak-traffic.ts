import { Agent } from 'node:http';
import { mulberry32 } from '../tools/models/seeded-random';
import { fetchReply } from './servers/child-server';
import { SoakCase } from './soak-case';

/** Requests answered since the last `take()`, by kind. */
export interface Counts {
  valid: number;
  invalid: number;
  /** Wrong answers, 5xx, unexpected statuses and connection errors, valid or invalid alike. */
  failures: number;
}

/** Totals over the whole run, with the failures by case and the first few messages. */
export interface TrafficTotals extends Counts {
  readonly byCase: Record<string, { requests: number; failures: number }>;
  readonly firstFailures: string[];
}

/** Running traffic: `take()` returns and resets the interval's counts; `stop()` waits for in-flight requests. */
export interface Traffic {
  take(): Counts;
  stop(): Promise<TrafficTotals>;
}

export interface TrafficOptions {
  readonly connections: number;
  /** Requests per second over all connections together. */
  readonly rps: number;
  readonly seed: number;
}

/** Failure messages kept for the report; the counts cover the rest. */
const KEEP_FAILURES = 20;

/**
 * `connections` clients, each one request at a time over its own kept-alive connection, together
 * paced to `rps`: a steady load, not a flood, so the server's memory is watched under the same
 * traffic throughout. A client that falls behind its schedule sends at once and does not catch
 * up later, so a slow spell never turns into a burst. Each request is drawn from `cases` by
 * weight and its answer checked on arrival.
 */
export function startTraffic(
  baseUrl: string,
  cases: readonly SoakCase[],
  o: TrafficOptions,
): Traffic {
  // FIFO hands out the longest-idle socket, so every kept-alive connection stays busy: none sits
  // idle until the server's keep-alive timeout and is closed just as a request is written to it.
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections, scheduling: 'fifo' });
  const random = mulberry32(o.seed);
  const totalWeight = cases.reduce((a, c) => a + c.weight, 0);
  const draw = (): SoakCase => {
    let at = random() * totalWeight;
    return cases.find((c) => (at -= c.weight) < 0) ?? cases[cases.length - 1];
  };
  const byCase = Object.fromEntries(cases.map((c) => [c.name, { requests: 0, failures: 0 }]));
  const firstFailures: string[] = [];
  const total: Counts = { valid: 0, invalid: 0, failures: 0 };
  let interval: Counts = { valid: 0, invalid: 0, failures: 0 };
  let stopping = false;

  const once = async (): Promise<void> => {
    const c = draw();
    const request = c.make(random);
    const reply = await fetchReply(`${baseUrl}${request.path}`, { ...request, agent });
    const wrong = request.check(reply);
    const kind = c.valid ? 'valid' : 'invalid';
    interval[kind]++;
    total[kind]++;
    byCase[c.name].requests++;
    if (wrong === undefined) return;
    interval.failures++;
    total.failures++;
    byCase[c.name].failures++;
    if (firstFailures.length < KEEP_FAILURES)
      firstFailures.push(
        `${new Date().toISOString()} ${c.name} ${request.method} ${request.path}: ${wrong}`,
      );
  };
  const client = async (): Promise<void> => {
    const period = (1000 * o.connections) / o.rps;
    let next = performance.now() + random() * period;
    while (!stopping) {
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (stopping) break;
      await once();
      next = Math.max(next + period, performance.now() - period);
    }
  };
  const running = Promise.all(Array.from({ length: o.connections }, client));
  return {
    take: () => {
      const taken = interval;
      interval = { valid: 0, invalid: 0, failures: 0 };
      return taken;
    },
    stop: async () => {
      stopping = true;
      await running;
      agent.destroy();
      return { ...total, byCase, firstFailures };
    },
  };
}
