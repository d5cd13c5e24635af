import { abstainRate, beats, evaluate, percent, textsOf } from './evaluate';
import { EvaluationSet } from './held-out';

const SET: EvaluationSet = {
  long: [
    { label: 0, text: 'de long' },
    { label: 1, text: 'en long' },
  ],
  short: [
    { label: 1, text: 'en short' },
    { label: 1, text: 'en short 2' },
    { label: 0, text: 'de short' },
  ],
  tiny: [{ label: 1, text: 'en' }],
};

describe('evaluate', () => {
  const report = evaluate(['de', 'en'], SET, ['de', 'de', 'en', 'de', 'und', 'und'], 'und');

  it('reads the answers in the order textsOf gives the texts', () => {
    expect(textsOf(SET)).toEqual([
      'de long',
      'en long',
      'en short',
      'en short 2',
      'de short',
      'en',
    ]);
  });

  it('counts per band, overall and per label, with abstentions as wrong and apart', () => {
    expect(report.bands).toEqual({
      long: { correct: 1, abstained: 0, total: 2 },
      short: { correct: 1, abstained: 1, total: 3 },
      tiny: { correct: 0, abstained: 1, total: 1 },
    });
    expect(report.perLabel[0].bands.short).toEqual({ correct: 0, abstained: 1, total: 1 });
  });

  it('lists confusion pairs of long and short texts, most frequent first', () => {
    expect(report.confusions).toEqual([
      { expected: 'en', predicted: 'de', count: 2 },
      { expected: 'de', predicted: 'und', count: 1 },
    ]);
  });
});

describe('percent, abstainRate, beats', () => {
  it.each([
    [{ correct: 1, abstained: 1, total: 3 }, '33.3%', '33.3%'],
    [{ correct: 0, abstained: 0, total: 0 }, 'n/a', 'n/a'],
  ])('writes %j', (accuracy, right, abstained) => {
    expect(percent(accuracy)).toBe(right);
    expect(abstainRate(accuracy)).toBe(abstained);
  });

  it('needs strictly more right answers to beat', () => {
    const a = { correct: 5, abstained: 0, total: 10 };
    expect(beats(a, { ...a, correct: 4 })).toBe(true);
    expect(beats(a, a)).toBe(false);
  });
});
