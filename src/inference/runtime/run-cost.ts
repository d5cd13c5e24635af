import { Tensor } from '../../common/tensor/tensor';

/**
 * The size of a run's inputs in the unit its cost grows with: one per numeric element, one per
 * byte of text for BYTES (a string graph's work grows with the text, not the element count).
 */
export function inputUnits(inputs: readonly Tensor[]): number {
  let units = 0;
  for (const t of inputs) {
    if (!Array.isArray(t.data)) {
      units += t.data.length;
      continue;
    }
    for (const s of t.data as readonly string[]) units += s.length;
  }
  return units;
}

/** A run's measured cost at one input size. */
export interface CostPoint {
  readonly units: number;
  readonly ns: number;
}

/**
 * A model's run cost as a line through its warm-up measurements, never sloping down: a fixed
 * cost per run plus a cost per input unit. With one point the cost is that point's, whatever
 * the size (a model whose inputs are all fixed-size).
 */
export class RunCost {
  private readonly fixedNs: number;
  private readonly perUnitNs: number;

  constructor(points: readonly CostPoint[]) {
    const sorted = [...points].sort((a, b) => a.units - b.units);
    const small = sorted[0];
    const large = sorted[sorted.length - 1];
    const spread = large.units - small.units;
    this.perUnitNs = spread > 0 ? Math.max(0, (large.ns - small.ns) / spread) : 0;
    this.fixedNs = Math.max(0, small.ns - this.perUnitNs * small.units);
  }

  /** The line in words, for logs: "12 µs + 0.02 µs per input unit". */
  describe(): string {
    const fixed = `${Math.round(this.fixedNs / 1000)} µs`;
    return this.perUnitNs > 0
      ? `${fixed} + ${(this.perUnitNs / 1000).toFixed(3)} µs per input unit`
      : fixed;
  }

  /** Estimated ns of a run over `units` input units. */
  estimateNs(units: number): number {
    return this.fixedNs + this.perUnitNs * units;
  }
}
