import { seededRandom, shuffled } from './random';
import { codePointLength, fragments, sentences } from './text-samples';

/** A held-out text and the index of its language. */
export interface Sample {
  readonly label: number;
  readonly text: string;
}

/**
 * Held-out texts by length in code points: long (≥ 40), short (15–39), and tiny (1–14, the
 * "ok" and menu-label inputs: scored only to tune and report abstaining).
 */
export interface EvaluationSet {
  readonly long: readonly Sample[];
  readonly short: readonly Sample[];
  readonly tiny: readonly Sample[];
}

export const LONG_MIN = 40;
export const SHORT_MIN = 15;
export const BANDS = ['long', 'short', 'tiny'] as const;
export type Band = (typeof BANDS)[number];

export function bandOf(text: string): Band {
  const n = codePointLength(text);
  return n >= LONG_MIN ? 'long' : n >= SHORT_MIN ? 'short' : 'tiny';
}

/**
 * Samples from running text: each sentence of ≥ 40 code points is a long sample; every
 * sentence is also cut at word boundaries into short pieces and into tiny ones.
 */
export function samplesFromProse(label: number, paragraphs: readonly string[]): EvaluationSet {
  const long: Sample[] = [];
  const short: Sample[] = [];
  const tiny: Sample[] = [];
  for (const sentence of paragraphs.flatMap(sentences)) {
    if (codePointLength(sentence) >= LONG_MIN) long.push({ label, text: sentence });
    for (const text of fragments(sentence, SHORT_MIN, LONG_MIN)) short.push({ label, text });
    for (const text of fragments(sentence, 1, SHORT_MIN)) tiny.push({ label, text });
  }
  return { long, short, tiny };
}

/** Samples from standalone messages (software strings): each is one sample, in its band. */
export function samplesFromMessages(label: number, messages: readonly string[]): EvaluationSet {
  const set: Record<Band, Sample[]> = { long: [], short: [], tiny: [] };
  for (const text of messages) set[bandOf(text)].push({ label, text });
  return set;
}

/**
 * At most `cap` samples of each band, drawn by a seeded shuffle and kept in their original
 * order, so that no language or source outweighs the others in a table.
 */
export function capSamples(set: EvaluationSet, cap: number, seed: number): EvaluationSet {
  const pick = (list: readonly Sample[], salt: number): Sample[] => {
    if (list.length <= cap) return [...list];
    const keep = new Set(shuffled([...list.keys()], seededRandom(seed + salt)).slice(0, cap));
    return list.filter((_, i) => keep.has(i));
  };
  return { long: pick(set.long, 1), short: pick(set.short, 2), tiny: pick(set.tiny, 3) };
}

export function mergeSets(sets: readonly EvaluationSet[]): EvaluationSet {
  return {
    long: sets.flatMap((s) => s.long),
    short: sets.flatMap((s) => s.short),
    tiny: sets.flatMap((s) => s.tiny),
  };
}
