import { selectFeatures } from './features';
import { logits, predictText, softmax } from './linear-model';
import { fitTemperature, trainNaiveBayes, withTemperature } from './naive-bayes';

const TEXTS = [['the cat and the hat'], ['der hund und der hut']];
const space = selectFeatures(TEXTS, { vocabularySize: 100, minLetterCount: 1 });
const model = trainNaiveBayes(space, TEXTS, ['en', 'de'], 0.1);

describe('trainNaiveBayes', () => {
  it('stores smoothed log-probabilities: each label sums to 1 over the columns', () => {
    for (let c = 0; c < 2; c++) {
      let sum = 0;
      for (let f = 0; f < space.columns; f++) sum += Math.exp(model.weights[f * 2 + c]);
      expect(sum).toBeCloseTo(1, 10);
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
});

describe('temperature', () => {
  it('keeps the answer and softens the odds', () => {
    const counts = new Map([[space.pool.get('the')!, 1]]);
    const sharp = softmax(logits(model, counts));
    const soft = softmax(logits(withTemperature(model, 4), counts));
    expect(soft[0]).toBeLessThan(sharp[0]);
    expect(soft[0]).toBeGreaterThan(soft[1]);
  });

  it('fits a positive temperature on held-out texts', () => {
    const t = fitTemperature(model, space, [
      { label: 0, text: 'a cat' },
      { label: 1, text: 'ein hund' },
      { label: 0, text: 'und the' },
    ]);
    expect(t).toBeGreaterThan(0);
    expect(Number.isFinite(t)).toBe(true);
  });
});
