import { featurize, selectFeatures, vectorizerPool } from './features';
import { SCRIPTS } from './scripts';

const TEXTS = [
  ['the cat and the hat', 'the hat'],
  ['der hund und der hut', 'der hut'],
  ['人人生而自由', '人人平等'],
];
const HAN = SCRIPTS.findIndex((s) => s.name === 'han');

describe('selectFeatures', () => {
  const space = selectFeatures(TEXTS, { vocabularySize: 40, minLetterCount: 2 });

  it('is deterministic', () => {
    expect([...selectFeatures(TEXTS, { vocabularySize: 40, minLetterCount: 2 }).pool]).toEqual([
      ...space.pool,
    ]);
  });

  it('gives frequent letters and n-grams columns of their own, shortest first', () => {
    expect(space.pool.get('人')).toBeLessThan(space.ownColumns);
    expect(space.pool.has('the')).toBe(true);
    expect(space.pool.has('der')).toBe(true);
    expect(space.ownColumns).toBeLessThanOrEqual(40);
    expect(space.columns).toBe(space.ownColumns + SCRIPTS.length);
  });

  it('counts a letter seen once, or never, in its script column', () => {
    expect(space.pool.get('慢')).toBe(space.ownColumns + HAN);
    expect(space.pool.get('生')).toBe(space.ownColumns + HAN);
    expect(featurize(space, '慢走。')).toEqual(new Map([[space.ownColumns + HAN, 2]]));
  });

  it('counts nothing for digits, punctuation and unknown scripts', () => {
    for (const text of ['', '123', '?!', 'ქართული']) expect(featurize(space, text).size).toBe(0);
  });

  it('lays the pool out as TfIdfVectorizer reads it: 1-grams, then 2-grams, then 3-grams', () => {
    const { poolStrings, ngramCounts, ngramIndexes } = vectorizerPool(space);
    const byN = [0, 0, 0];
    for (const g of space.pool.keys()) byN[Array.from(g).length - 1]++;
    expect(ngramCounts).toEqual([0, byN[0], byN[0] + 2 * byN[1]]);
    expect(poolStrings).toHaveLength(byN[0] + 2 * byN[1] + 3 * byN[2]);
    expect(ngramIndexes).toHaveLength(space.pool.size);
    const at = ngramCounts[2];
    const firstTrigram = poolStrings.slice(at, at + 3).join('');
    expect(ngramIndexes[byN[0] + byN[1]]).toBe(space.pool.get(firstTrigram));
  });
});
