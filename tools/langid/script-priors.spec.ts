import { addText, emptyCounts, selectFeatures } from './features';
import { LANGUAGES } from './languages';
import { predictText } from './linear-model';
import { mixSources, trainNaiveBayes } from './naive-bayes';
import { withScriptPriors } from './script-priors';
import { SCRIPTS } from './scripts';

const languages = LANGUAGES.filter((l) => ['en', 'ru', 'zh'].includes(l.code));
const texts = ['the cat and the hat', 'кошка и шляпа', '人人生而自由'];
const distributions = texts.map((t) => {
  const c = emptyCounts();
  addText(c, t);
  return mixSources([c]);
});
const space = selectFeatures(distributions, [20, 20, 20, 20, 20]);
const model = trainNaiveBayes(
  space,
  distributions,
  languages.map((l) => l.code),
  0.01,
);
const priced = withScriptPriors(model, space, languages, 2);

describe('withScriptPriors', () => {
  const column = (letter: string): number => space.vocabularies[0].get(letter) as number;

  it('charges a language each letter of a non-Latin script it is not written in', () => {
    expect(priced.weights[column('к') * 3 + 0]).toBe(model.weights[column('к') * 3 + 0] - 2);
    expect(priced.weights[column('к') * 3 + 1]).toBe(model.weights[column('к') * 3 + 1]);
    const han = space.columns - SCRIPTS.length + SCRIPTS.findIndex((s) => s.name === 'han');
    expect(priced.weights[han * 3 + 1]).toBe(model.weights[han * 3 + 1] - 2);
    expect(priced.weights[han * 3 + 2]).toBe(model.weights[han * 3 + 2]);
  });

  it('leaves Latin letters free in every language', () => {
    for (let c = 0; c < 3; c++)
      expect(priced.weights[column('t') * 3 + c]).toBe(model.weights[column('t') * 3 + c]);
  });

  it('makes two Han characters enough to say Chinese', () => {
    expect(predictText(priced, space, '慢走', 'und', 0.9).label).toBe('zh');
  });
});
