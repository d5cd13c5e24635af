import { Agent, get } from 'node:http';
import { percentile } from './stats';

/** /health/live latencies while another load runs, in ms. */
export interface ProbeStats {
  readonly count: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** A running probe; `stop()` ends it and resolves its statistics. */
export interface Probe {
  stop(): Promise<ProbeStats>;
}

/**
 * GETs `url` `hz` times a second over one keep-alive connection, from this process (idle while
 * wrk runs the load in its own). A slow answer delays only its own slot; no request is skipped.
 * A failed or non-200 request counts as an error.
 */
export function startProbe(url: string, hz: number): Probe {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let stopping = false;
  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const start = performance.now();
      const req = get(url, { agent, timeout: 30_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - start);
          else errors++;
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  const loop = async (): Promise<void> => {
    const t0 = performance.now();
    for (let i = 0; !stopping; i++) {
      const wait = t0 + (i * 1000) / hz - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (!stopping) await once();
    }
  };
  const running = loop();
  return {
    stop: async () => {
      stopping = true;
      await running;
      agent.destroy();
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        count: sorted.length,
        errors,
        p50: percentile(sorted, 0.5),
        p99: percentile(sorted, 0.99),
        max: percentile(sorted, 1),
      };
    },
  };
}
