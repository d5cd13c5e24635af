import { addText, emptyCounts, FAMILIES, FamilyCounts, selectFeatures } from './features';
import { predictText } from './linear-model';
import { blendForeign, mixSources, scaleFamilies, trainNaiveBayes } from './naive-bayes';

function counts(...texts: string[]): FamilyCounts {
  const into = emptyCounts();
  for (const t of texts) addText(into, t);
  return into;
}

const EN = counts('the cat and the hat', 'the hat');
const DE = counts('der hund und der hut', 'der hut');
const space = selectFeatures([EN, DE], [100, 100, 100, 100, 100]);
const model = trainNaiveBayes(space, [mixSources([EN]), mixSources([DE])], ['en', 'de'], 0.01);

describe('mixSources', () => {
  it('gives each source an equal share of every family it has, whatever its size', () => {
    const big = counts('aaaa aaaa aaaa aaaa');
    const small = counts('b');
    const mixed = mixSources([big, small]);
    expect(mixed[0].get('a')).toBeCloseTo(0.5, 10);
    expect(mixed[0].get('b')).toBeCloseTo(0.5, 10);
  });

  it('leaves a family a source lacks to the others', () => {
    const onlyOneGrams = emptyCounts();
    onlyOneGrams[0].set('x', 5);
    const mixed = mixSources([onlyOneGrams, counts('ab')]);
    expect(mixed[1]).toEqual(
      new Map([
        [' a', 1 / 3],
        ['ab', 1 / 3],
        ['b ', 1 / 3],
      ]),
    );
  });
});

describe('trainNaiveBayes', () => {
  it('stores smoothed log-probabilities: each label sums to 1 within each family', () => {
    for (let c = 0; c < 2; c++) {
      FAMILIES.forEach((_, family) => {
        let sum = 0;
        for (let f = 0; f < space.columns; f++)
          if (space.familyOf[f] === family) sum += Math.exp(model.weights[f * 2 + c]);
        expect(sum).toBeCloseTo(1, 10);
      });
    }
  });

  it.each([
    ['the hat', 'en'],
    ['der hut', 'de'],
    ['', 'und'],
    ['42', 'und'],
  ])('answers %j with %s', (text, label) => {
    expect(predictText(model, space, text, 'und').label).toBe(label);
  });

  it('abstains when the top probability is below the threshold, keeping the probabilities', () => {
    const sure = predictText(model, space, 'the hat', 'und', 0.5);
    expect(sure.label).toBe('en');
    const unsure = predictText(model, space, 'the hat', 'und', 1.01);
    expect(unsure.label).toBe('und');
    expect(unsure.probabilities).toEqual(sure.probabilities);
  });
});

describe('scaleFamilies', () => {
  it('multiplies each column by its family factor', () => {
    const factors = [1, 0, 0, 0, 2];
    const scaled = scaleFamilies(model, space, factors);
    for (let i = 0; i < model.weights.length; i++)
      expect(scaled.weights[i]).toBe(model.weights[i] * factors[space.familyOf[i >> 1]]);
  });
});

describe('blendForeign', () => {
  it('mixes a share of the foreign distribution into every family', () => {
    const own = [new Map([['a', 1]]), new Map(), new Map(), new Map(), new Map()];
    const foreign = [new Map([['b', 1]]), new Map(), new Map(), new Map(), new Map()];
    expect(blendForeign(own, foreign, 0.1)[0]).toEqual(
      new Map([
        ['a', 0.9],
        ['b', 0.1],
      ]),
    );
  });
});
