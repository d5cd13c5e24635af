import { Measurement } from './load';
import { PayloadId } from './payloads';
import { Results } from './results';
import { Case, TargetId, perch } from './scenarios';
import { Adapter } from './settings';

/** One line of the target list, as measured. */
export interface Verdict {
  readonly target: string;
  readonly measured: string;
  readonly verdict: 'met' | 'MISSED' | 'reported' | 'not measured';
}

const c = (target: TargetId, payload: PayloadId, connections: number): Case => ({
  target,
  payload,
  connections,
});

/** The targets of issue 4, checked against this run (each at the connections it names, else the most measured). */
export function checkTargets(
  results: Results,
  adapters: readonly Adapter[],
  batchingOn: boolean,
): Verdict[] {
  const batching = batchingOn ? 'dynamic batching on' : 'dynamic batching off';
  const ratio = (label: string, num: Case, den: Case, min: number): Verdict => {
    const a = results.get(num);
    const b = results.get(den);
    if (!a || !b) return missing(label, results.reason(a ? den : num));
    if (b.rowsPerSec === 0) return missing(label, 'no answer completed in the measured window');
    const r = a.rowsPerSec / b.rowsPerSec;
    return {
      target: label,
      measured: `${r.toFixed(2)}× (${rate(a)} vs ${rate(b)} rows/s)`,
      verdict: r >= min ? 'met' : 'MISSED',
    };
  };
  const below = (label: string, value: number | undefined, max: number, why: Case): Verdict =>
    value === undefined
      ? missing(label, results.reason(why))
      : {
          target: label,
          measured: `${value.toFixed(1)} ms`,
          verdict: value < max ? 'met' : 'MISSED',
        };
  return adapters.flatMap((a): Verdict[] => {
    const p = perch(a);
    if (!results.measured(p))
      return [missing(`${a}: every target`, results.reason(c(p, 'mlp-json-1', 64)))];
    const b1 = c(p, 'mlp-json-1', 64);
    const large = c(p, 'large-json-1', 64);
    const gzip = results.get(c(p, 'tensor-json-gzip', 4));
    return [
      ratio(
        `${a}: MLP V2 JSON b1 @64 ≥ 85% of the ${a} framework floor`,
        b1,
        c(`floor-${a}`, 'mlp-json-1', 64),
        0.85,
      ),
      ratio(
        `${a}: MLP V2 JSON b1 @64 ≥ ${a === 'express' ? '1.3' : '2'}× Flask`,
        b1,
        c('flask', 'mlp-json-1', 64),
        a === 'express' ? 1.3 : 2,
      ),
      below(`${a}: MLP V2 JSON b1 @64 p99 < 50 ms`, results.get(b1)?.p99, 50, b1),
      ratio(
        `${a}: MLP-large b1 @64 (${batching}) ≥ ${a === 'fastify' ? '1.2' : '0.8'}× node:http`,
        large,
        c('node-http', 'large-json-1', 64),
        a === 'fastify' ? 1.2 : 0.8,
      ),
      ratio(`${a}: MLP-large b1 @64 ≥ 4× Flask`, large, c('flask', 'large-json-1', 64), 4),
      ratio(
        `${a}: MLP b32 @64 binary rows/s ≥ 3× JSON`,
        c(p, 'mlp-bin-32', 64),
        c(p, 'mlp-json-32', 64),
        3,
      ),
      ratio(
        `${a}: 4 MiB tensor @4 binary ≥ 5× JSON`,
        c(p, 'tensor-bin', 4),
        c(p, 'tensor-json', 4),
        5,
      ),
      gzip
        ? {
            target: `${a}: 4 MiB tensor @4, JSON + gzip request`,
            measured: `${gzip.reqPerSec.toFixed(1)} req/s, p99 ${gzip.p99.toFixed(0)} ms`,
            verdict: 'reported',
          }
        : missing(
            `${a}: 4 MiB tensor @4, JSON + gzip request`,
            results.reason(c(p, 'tensor-json-gzip', 4)),
          ),
      below(
        `${a}: /health/live p99 < 20 ms, MLP-large saturated @64`,
        results.get(large)?.probe?.p99,
        20,
        large,
      ),
    ];
  });
}

/** Zero errors: every measured case of every target, with the ones that had any. */
export function errorVerdict(
  label: string,
  measured: ReadonlyArray<[string, Measurement]>,
): Verdict {
  const bad = measured.filter(([, m]) => m.errors + m.non2xx > 0);
  if (measured.length === 0)
    return { target: label, measured: 'no case measured', verdict: 'not measured' };
  return {
    target: label,
    measured:
      bad.length === 0
        ? `${measured.length} cases, 0 errors`
        : bad.map(([k, m]) => `${k}: ${m.errors} errors, ${m.non2xx} non-2xx`).join('; '),
    verdict: bad.length === 0 ? 'met' : 'MISSED',
  };
}

function missing(target: string, reason: string | undefined): Verdict {
  return { target, measured: reason ?? 'not run', verdict: 'not measured' };
}

function rate(m: Measurement): string {
  return m.rowsPerSec < 10
    ? m.rowsPerSec.toFixed(1)
    : Math.round(m.rowsPerSec).toLocaleString('en-US');
}
