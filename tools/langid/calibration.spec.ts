import { familyLogLoss, fitAbstainThreshold, fitFamilyFactors } from './calibration';
import { addText, emptyCounts, FamilyCounts, selectFeatures } from './features';
import { mixSources, trainNaiveBayes } from './naive-bayes';

function counts(...texts: string[]): FamilyCounts {
  const into = emptyCounts();
  for (const t of texts) addText(into, t);
  return into;
}

describe('fitFamilyFactors', () => {
  it('finds non-negative factors with a lower held-out loss than the start or plain naive Bayes', () => {
    const en = counts('the cat and the hat sat on the mat', 'that is the hat');
    const de = counts('der hund und der hut', 'das ist der hut und der hund');
    const space = selectFeatures([en, de], [50, 50, 50, 50, 50]);
    const model = trainNaiveBayes(space, [mixSources([en]), mixSources([de])], ['en', 'de'], 0.05);
    const heldOut = [
      { label: 0, text: 'the mat' },
      { label: 0, text: 'the hut' },
      { label: 1, text: 'der hat' },
      { label: 1, text: 'und' },
    ];
    const factors = fitFamilyFactors(model, space, heldOut);
    expect(factors).toHaveLength(5);
    for (const f of factors) expect(f).toBeGreaterThanOrEqual(0);
    const loss = familyLogLoss(model, space, heldOut, factors);
    expect(loss).toBeLessThan(familyLogLoss(model, space, heldOut, [1, 1, 1, 1, 1]));
    expect(loss).toBeLessThan(familyLogLoss(model, space, heldOut, [0.05, 0.05, 0.05, 0.05, 0.05]));
  });
});

describe('fitAbstainThreshold', () => {
  it.each([
    [
      'answers down to where wrong answers start to outnumber right ones',
      [
        { confidence: 0.9, correct: true },
        { confidence: 0.8, correct: true },
        { confidence: 0.5, correct: false },
        { confidence: 0.4, correct: false },
        { confidence: 0.3, correct: false },
      ],
      0.65,
    ],
    [
      'a wrong answer among right ones does not stop it',
      [
        { confidence: 0.9, correct: true },
        { confidence: 0.7, correct: false },
        { confidence: 0.6, correct: true },
        { confidence: 0.5, correct: true },
        { confidence: 0.2, correct: false },
      ],
      0.35,
    ],
  ])('%s', (_case, outcomes, threshold) => {
    expect(fitAbstainThreshold(outcomes)).toBeCloseTo(threshold, 10);
  });
});
