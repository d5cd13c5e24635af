import { Measurement } from './load';
import { ProbeStats } from './probe';
import { Case, TargetId, caseKey } from './scenarios';
import { median, sum } from './stats';

/** Every round's measurement per case, and why a case could not be measured. */
export class Results {
  private readonly rounds = new Map<string, Measurement[]>();
  private readonly reasons = new Map<string, string>();
  private readonly measuredTargets = new Set<TargetId>();

  add(c: Case, m: Measurement): void {
    this.measuredTargets.add(c.target);
    const list = this.rounds.get(caseKey(c)) ?? [];
    this.rounds.set(caseKey(c), [...list, m]);
  }

  /** Records why a case was not measured (first reason wins). */
  skip(c: Case, reason: string): void {
    if (!this.reasons.has(caseKey(c))) this.reasons.set(caseKey(c), reason);
  }

  /** The median of each figure over the rounds measured (errors: the sum). */
  get(c: Case): Measurement | undefined {
    const list = this.rounds.get(caseKey(c));
    if (!list || list.length === 0) return undefined;
    const med = (f: (m: Measurement) => number): number => median(list.map(f));
    const probes = list.map((m) => m.probe).filter((p): p is ProbeStats => p !== undefined);
    return {
      reqPerSec: med((m) => m.reqPerSec),
      rowsPerSec: med((m) => m.rowsPerSec),
      p50: med((m) => m.p50),
      p99: med((m) => m.p99),
      errors: sum(list.map((m) => m.errors)),
      timeouts: sum(list.map((m) => m.timeouts)),
      non2xx: sum(list.map((m) => m.non2xx)),
      ...(probes.length > 0 && {
        probe: {
          count: sum(probes.map((p) => p.count)),
          errors: sum(probes.map((p) => p.errors)),
          p50: median(probes.map((p) => p.p50)),
          p99: median(probes.map((p) => p.p99)),
          max: Math.max(...probes.map((p) => p.max)),
        },
      }),
    };
  }

  /** Whether any case of this server was measured (else it was unavailable as a whole). */
  measured(target: TargetId): boolean {
    return this.measuredTargets.has(target);
  }

  /** Why the case has no measurement, when it has none. */
  reason(c: Case): string | undefined {
    return this.get(c) ? undefined : (this.reasons.get(caseKey(c)) ?? 'not run');
  }
}
