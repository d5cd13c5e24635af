import { readProfile } from './langdetect-profiles';

describe('readProfile', () => {
  it('lower-cases and merges, keeping 1- to 3-grams with a letter', () => {
    const en = readProfile('en');
    expect(en[0].has('T')).toBe(false);
    expect(en[0].get('t')).toBeGreaterThan(1e6);
    expect(en[2].has('the')).toBe(true);
    expect(en[3].size + en[4].size).toBe(0);
  });

  it.each([
    ['fa', 'ی', 'ي'],
    ['ro', 'ș', 'ş'],
  ])('restores %s letter %s that langdetect folded into %s', (language, restored, folded) => {
    const profile = readProfile(language);
    expect(profile[0].get(restored)).toBeGreaterThan(0);
    expect(profile[0].has(folded)).toBe(false);
  });
});
