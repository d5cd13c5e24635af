import { evaluate, percent } from './evaluate';

describe('evaluate', () => {
  const report = evaluate(['de', 'en'], {
    long: [
      { expected: 'de', predicted: 'de' },
      { expected: 'en', predicted: 'de' },
    ],
    short: [
      { expected: 'en', predicted: 'en' },
      { expected: 'en', predicted: 'de' },
      { expected: 'de', predicted: 'und' },
    ],
  });

  it('counts overall and per label', () => {
    expect(report.long).toEqual({ correct: 1, total: 2 });
    expect(report.short).toEqual({ correct: 1, total: 3 });
    expect(report.perLabel).toEqual([
      { label: 'de', long: { correct: 1, total: 1 }, short: { correct: 0, total: 1 } },
      { label: 'en', long: { correct: 0, total: 1 }, short: { correct: 1, total: 2 } },
    ]);
  });

  it('lists confusion pairs, most frequent first', () => {
    expect(report.confusions).toEqual([
      { expected: 'en', predicted: 'de', count: 2 },
      { expected: 'de', predicted: 'und', count: 1 },
    ]);
  });

  it.each([
    [{ correct: 1, total: 3 }, '33.3%'],
    [{ correct: 0, total: 0 }, 'n/a'],
  ])('writes %j as %s', (accuracy, text) => {
    expect(percent(accuracy)).toBe(text);
  });
});
