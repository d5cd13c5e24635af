import { EvaluationSet } from './trainer';

/** Correct answers out of all. */
export interface Accuracy {
  readonly correct: number;
  readonly total: number;
}

export interface LabelAccuracy {
  readonly label: string;
  readonly long: Accuracy;
  readonly short: Accuracy;
}

/** How often texts of `expected` were answered `predicted`. */
export interface Confusion {
  readonly expected: string;
  readonly predicted: string;
  readonly count: number;
}

export interface EvaluationReport {
  readonly long: Accuracy;
  readonly short: Accuracy;
  readonly perLabel: readonly LabelAccuracy[];
  /** Every wrong (expected, predicted) pair, most frequent first. */
  readonly confusions: readonly Confusion[];
}

/** Expected and predicted label of each held-out text, per length bucket. */
export interface Answers {
  readonly long: readonly { expected: string; predicted: string }[];
  readonly short: readonly { expected: string; predicted: string }[];
}

/** Accuracy overall and per label, and the confusion pairs; pure. */
export function evaluate(labels: readonly string[], answers: Answers): EvaluationReport {
  const count = (list: Answers['long'], label?: string): Accuracy => {
    const mine = label === undefined ? list : list.filter((a) => a.expected === label);
    return {
      correct: mine.filter((a) => a.predicted === a.expected).length,
      total: mine.length,
    };
  };
  const wrong = new Map<string, Confusion>();
  for (const a of [...answers.long, ...answers.short]) {
    if (a.predicted === a.expected) continue;
    const key = `${a.expected}\u0000${a.predicted}`;
    const seen = wrong.get(key);
    wrong.set(key, { expected: a.expected, predicted: a.predicted, count: (seen?.count ?? 0) + 1 });
  }
  return {
    long: count(answers.long),
    short: count(answers.short),
    perLabel: labels.map((label) => ({
      label,
      long: count(answers.long, label),
      short: count(answers.short, label),
    })),
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

/** Pairs each held-out text (long ones first, as they were sent) with the answer it got. */
export function answersFor(
  labels: readonly string[],
  set: EvaluationSet,
  predicted: readonly string[],
): Answers {
  const pair = (s: { label: number }, i: number) => ({
    expected: labels[s.label],
    predicted: predicted[i],
  });
  return {
    long: set.long.map(pair),
    short: set.short.map((s, i) => pair(s, set.long.length + i)),
  };
}
