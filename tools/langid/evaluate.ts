import { Band, BANDS, EvaluationSet } from './held-out';

/** Right answers (and abstentions, which are not right) out of all. */
export interface Accuracy {
  readonly correct: number;
  readonly abstained: number;
  readonly total: number;
}

/** How often texts of `expected` were answered `predicted`. */
export interface Confusion {
  readonly expected: string;
  readonly predicted: string;
  readonly count: number;
}

export type BandAccuracy = Readonly<Record<Band, Accuracy>>;

export interface EvaluationReport {
  readonly bands: BandAccuracy;
  readonly perLabel: readonly { readonly label: string; readonly bands: BandAccuracy }[];
  /** Every wrong (expected, predicted) pair of long and short texts, most frequent first. */
  readonly confusions: readonly Confusion[];
}

/** One identifier's answers to a set, in the order of `textsOf(set)`. */
export function textsOf(set: EvaluationSet): string[] {
  return BANDS.flatMap((band) => set[band].map((s) => s.text));
}

/**
 * Accuracy per band, overall and per label, and confusions; pure. `answers` follow
 * textsOf(set). An `abstain` answer counts as wrong, and is also counted apart.
 */
export function evaluate(
  labels: readonly string[],
  set: EvaluationSet,
  answers: readonly string[],
  abstain: string,
): EvaluationReport {
  let at = 0;
  const pairs = Object.fromEntries(
    BANDS.map((band) => [
      band,
      set[band].map((s) => ({ expected: labels[s.label], predicted: answers[at++] })),
    ]),
  ) as Record<Band, { expected: string; predicted: string }[]>;
  const count = (band: Band, label?: string): Accuracy => {
    const mine = pairs[band].filter((p) => label === undefined || p.expected === label);
    return {
      correct: mine.filter((p) => p.predicted === p.expected).length,
      abstained: mine.filter((p) => p.predicted === abstain).length,
      total: mine.length,
    };
  };
  const bands = (label?: string): BandAccuracy =>
    Object.fromEntries(BANDS.map((b) => [b, count(b, label)])) as Record<Band, Accuracy>;
  const wrong = new Map<string, Confusion>();
  for (const p of [...pairs.long, ...pairs.short]) {
    if (p.predicted === p.expected) continue;
    const key = `${p.expected}\u0000${p.predicted}`;
    const seen = wrong.get(key);
    wrong.set(key, { expected: p.expected, predicted: p.predicted, count: (seen?.count ?? 0) + 1 });
  }
  return {
    bands: bands(),
    perLabel: labels.map((label) => ({ label, bands: bands(label) })),
    confusions: [...wrong.values()].sort(
      (a, b) =>
        b.count - a.count ||
        a.expected.localeCompare(b.expected, 'en') ||
        a.predicted.localeCompare(b.predicted, 'en'),
    ),
  };
}

/** `97.3%` with one decimal; `n/a` for an empty set. */
export function percent(a: Accuracy): string {
  return a.total === 0 ? 'n/a' : `${((100 * a.correct) / a.total).toFixed(1)}%`;
}

/** The share of abstentions, `1.2%`; `n/a` for an empty set. */
export function abstainRate(a: Accuracy): string {
  return a.total === 0 ? 'n/a' : `${((100 * a.abstained) / a.total).toFixed(1)}%`;
}

/** Whether `a` is strictly more accurate than `b` (both on the same texts). */
export function beats(a: Accuracy, b: Accuracy): boolean {
  return a.total > 0 && a.correct > b.correct;
}
