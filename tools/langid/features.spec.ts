import {
  addText,
  columnMass,
  emptyCounts,
  FAMILIES,
  FamilyCounts,
  familyStrings,
  featurize,
  selectFeatures,
  WORD_FAMILY,
} from './features';
import { SCRIPTS } from './scripts';

function counts(texts: string[]): FamilyCounts {
  const into = emptyCounts();
  for (const t of texts) addText(into, t);
  return into;
}

const PER_LANGUAGE = [
  counts(['the cat and the hat', 'the hat']),
  counts(['der hund und der hut', 'der hut']),
  counts(['人人生而自由', '人人平等']),
];
const BUDGETS = [12, 10, 10, 10, 4];
const HAN = SCRIPTS.findIndex((s) => s.name === 'han');

describe('familyStrings', () => {
  it('cuts 1- to 4-grams of the padded, lower-cased text, then its words', () => {
    const [g1, g2, g3, g4, words] = familyStrings('Ab, c');
    expect(g1).toEqual([' ', 'a', 'b', ',', ' ', 'c', ' ']);
    expect(g2).toEqual([' a', 'ab', 'b,', ', ', ' c', 'c ']);
    expect(g3[0]).toBe(' ab');
    expect(g4).toEqual([' ab,', 'ab, ', 'b, c', ', c ']);
    expect(words).toEqual(['ab', 'c']);
  });
});

describe('addText', () => {
  it('counts n-grams with a letter, and words, with the given weight', () => {
    const into = emptyCounts();
    addText(into, 'a1 a', 0.5);
    expect(into[0].get('a')).toBe(1);
    expect(into[0].has('1')).toBe(false);
    expect(into[1].has('a1')).toBe(false);
    expect(into[WORD_FAMILY]).toEqual(new Map([['a', 1]]));
  });
});

describe('selectFeatures', () => {
  const space = selectFeatures(PER_LANGUAGE, BUDGETS);

  it('is deterministic and keeps to each family budget', () => {
    const again = selectFeatures(PER_LANGUAGE, BUDGETS);
    expect(again.vocabularies.map((v) => [...v])).toEqual(space.vocabularies.map((v) => [...v]));
    FAMILIES.forEach((_, f) => {
      const own = space.familyOf.filter(
        (x, column) => x === f && column < space.columns - SCRIPTS.length,
      );
      expect(own.length).toBeLessThanOrEqual(BUDGETS[f]);
    });
  });

  it('takes every language in turn, so each has columns of its own', () => {
    expect(space.vocabularies[2].has('the')).toBe(true);
    expect(space.vocabularies[2].has('der')).toBe(true);
    expect(space.vocabularies[1].has('人人')).toBe(true);
  });

  it('counts a letter without a column of its own in its script column', () => {
    const bucket = space.columns - SCRIPTS.length + HAN;
    expect(space.vocabularies[0].get('慢')).toBe(bucket);
    expect(featurize(space, '慢走。').get(bucket)).toBe(2);
  });

  it('counts nothing for digits, punctuation and unknown scripts', () => {
    for (const text of ['', '123', '?!', 'ქართული']) expect(featurize(space, text).size).toBe(0);
  });

  it('projects a distribution onto the columns of one family', () => {
    const mass = columnMass(space, 2, PER_LANGUAGE[0]);
    expect(mass[space.vocabularies[2].get('the') as number]).toBe(3);
    expect(mass[space.vocabularies[2].get('der') as number]).toBe(0);
  });
});
