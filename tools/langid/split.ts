import { seededRandom, shuffled } from './random';

/** Which article numbers train the model and which are held out for evaluation. */
export interface ArticleSplit {
  readonly train: readonly number[];
  readonly test: readonly number[];
}

/**
 * Splits article numbers by a seeded shuffle: the same articles are held out for every
 * language and every source of a language, so no translation of a test article (another
 * spelling, another script) is ever trained on. Both lists come back ascending.
 */
export function splitArticles(
  numbers: readonly number[],
  seed: number,
  testFraction: number,
): ArticleSplit {
  const order = shuffled(
    [...new Set(numbers)].sort((a, b) => a - b),
    seededRandom(seed),
  );
  const testCount = Math.round(order.length * testFraction);
  const asc = (list: number[]): number[] => list.sort((a, b) => a - b);
  return { test: asc(order.slice(0, testCount)), train: asc(order.slice(testCount)) };
}
