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

/** Issue #12's targets, checked against this run (ratios of cases measured side by side). */
export function checkTargets(results: Results, adapters: readonly Adapter[]): Verdict[] {
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
  const atMost = (
    label: string,
    value: (m: Measurement) => number | undefined,
    num: Case,
    den: Case,
    max: number,
  ): Verdict => {
    const a = results.get(num);
    const b = results.get(den);
    const va = a && value(a);
    const vb = b && value(b);
    if (va === undefined || vb === undefined || !vb)
      return missing(label, results.reason(a ? den : num) ?? 'no figure');
    const r = va / vb;
    return {
      target: label,
      measured: `${r.toFixed(2)}× (${va.toFixed(2)} vs ${vb.toFixed(2)} ms)`,
      verdict: r <= max ? 'met' : 'MISSED',
    };
  };
  return adapters.flatMap((a): Verdict[] => {
    const p = perch(a);
    if (!results.measured(p))
      return [missing(`${a}: every target`, results.reason(c(p, 'mlp-json-1', 64)))];
    const floor: TargetId = `floor-${a}`;
    const flaskMin = a === 'express' ? 1.5 : 2.5;
    return [
      ratio(
        `${a}: mlp b1 @64 ≥ ${flaskMin}× Flask`,
        c(p, 'mlp-json-1', 64),
        c('flask', 'mlp-json-1', 64),
        flaskMin,
      ),
      ratio(
        `${a}: mlp b1 @64 ≥ 0.6× the ${a} Nest floor`,
        c(p, 'mlp-json-1', 64),
        c(floor, 'mlp-json-1', 64),
        0.6,
      ),
      atMost(
        `${a}: mlp b1 @64 p99 ≤ 2× Flask's p99`,
        (m) => m.p99,
        c(p, 'mlp-json-1', 64),
        c('flask', 'mlp-json-1', 64),
        2,
      ),
      ratio(
        `${a}: mlp b1 @1 ≥ 0.6× the ${a} Nest floor`,
        c(p, 'mlp-json-1', 1),
        c(floor, 'mlp-json-1', 1),
        0.6,
      ),
      ratio(
        `${a}: mlp b32 @64 JSON rows/s ≥ 1.3× Flask`,
        c(p, 'mlp-json-32', 64),
        c('flask', 'mlp-json-32', 64),
        1.3,
      ),
      ratio(
        `${a}: mlp b32 @64 binary rows/s ≥ 3× Flask's JSON rows/s`,
        c(p, 'mlp-bin-32', 64),
        c('flask', 'mlp-json-32', 64),
        3,
      ),
      ratio(
        `${a}: MLP-large b1 @64 ≥ 1.2× node:http + ORT`,
        c(p, 'large-json-1', 64),
        c('node-http', 'large-json-1', 64),
        1.2,
      ),
      atMost(
        `${a}: /health/live p99 with MLP-large saturated ≤ 1.2× node:http + ORT's`,
        (m) => m.probe?.p99,
        c(p, 'large-json-1', 64),
        c('node-http', 'large-json-1', 64),
        1.2,
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
