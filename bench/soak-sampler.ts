import { readFileSync } from 'node:fs';
import { fetchReply } from './servers/child-server';
import { Counts } from './soak-traffic';

/** One 5 s interval of the soak: the server's memory and event loop, and the traffic it served. */
export interface Sample {
  /** Seconds since the traffic started, at the end of the interval. */
  readonly t: number;
  /** Resident set of the server process (VmRSS), MiB. */
  readonly rssMiB: number;
  /** V8 heap in use on the server's main thread (prom-client), MiB; NaN when not exported. */
  readonly heapMiB: number;
  /** Event-loop delay of the server's main thread over the interval, ms; NaN when not exported. */
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  readonly reqPerSec: number;
  readonly valid: number;
  readonly invalid: number;
  readonly failures: number;
}

const MiB = 1024 * 1024;

/**
 * prom-client's default metrics read a `monitorEventLoopDelay` histogram that it resets at every
 * scrape, so each scrape covers the interval since the last one. The histogram records the whole
 * time between two ticks of its 10 ms timer (prom-client's default `eventLoopMonitoringPrecision`),
 * so an idle loop reads ~10.1 ms: the lag is what lies beyond those 10 ms.
 */
const LAG_RESOLUTION_MS = 10;

/** VmRSS of a live process, MiB; throws when the process is gone. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (kB === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kB) / 1024;
}

/**
 * Reads the server after an interval of `seconds`: RSS from /proc, heap and event-loop lag from
 * its /metrics (the only scraper, so the lag covers exactly this interval), and the traffic
 * counts the clients took.
 */
export async function sample(
  baseUrl: string,
  pid: number,
  t: number,
  seconds: number,
  counts: Counts,
): Promise<Sample> {
  const rss = rssMiB(pid);
  const metrics = await fetchReply(`${baseUrl}/metrics`);
  const text = metrics.status === 200 ? metrics.body.toString() : '';
  const lag = (name: string): number =>
    Math.max(0, gauge(text, `nodejs_eventloop_lag_${name}_seconds`) * 1000 - LAG_RESOLUTION_MS);
  return {
    t,
    rssMiB: rss,
    heapMiB: gauge(text, 'nodejs_heap_size_used_bytes') / MiB,
    lagP50Ms: lag('p50'),
    lagP99Ms: lag('p99'),
    lagMaxMs: lag('max'),
    reqPerSec: (counts.valid + counts.invalid) / seconds,
    ...counts,
  };
}

/** An unlabelled gauge's value in Prometheus text, NaN when absent. */
function gauge(text: string, name: string): number {
  const value = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
  return value === undefined ? NaN : Number(value);
}
