import { seededRandom, shuffled } from './random';
import { splitArticles } from './split';

const ARTICLES = Array.from({ length: 31 }, (_, i) => i);

describe('seededRandom', () => {
  it('repeats its sequence for a seed, and differs between seeds', () => {
    const take = (seed: number): number[] => Array.from({ length: 5 }, seededRandom(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    for (const v of take(7)) expect(v >= 0 && v < 1).toBe(true);
  });

  it('shuffles without losing or repeating items', () => {
    expect([...shuffled(ARTICLES, seededRandom(1))].sort((a, b) => a - b)).toEqual(ARTICLES);
  });
});

describe('splitArticles', () => {
  it('is the same for a fixed seed, and another split for another seed', () => {
    expect(splitArticles(ARTICLES, 42, 1 / 3)).toEqual(splitArticles(ARTICLES, 42, 1 / 3));
    expect(splitArticles(ARTICLES, 42, 1 / 3).test).not.toEqual(
      splitArticles(ARTICLES, 43, 1 / 3).test,
    );
  });

  it('holds out a third, disjoint from training, both ascending', () => {
    const { train, test } = splitArticles([...ARTICLES, ...ARTICLES], 42, 1 / 3);
    expect(test).toHaveLength(10);
    expect(train).toHaveLength(21);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(ARTICLES);
    expect(test).toEqual([...test].sort((a, b) => a - b));
  });
});
