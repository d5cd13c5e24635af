import { bandOf, capSamples, samplesFromMessages, samplesFromProse } from './held-out';

describe('bandOf', () => {
  it.each([
    ['x'.repeat(40), 'long'],
    ['x'.repeat(39), 'short'],
    ['x'.repeat(15), 'short'],
    ['ok', 'tiny'],
  ])('%s is %s', (text, band) => {
    expect(bandOf(text)).toBe(band);
  });
});

describe('samplesFromProse', () => {
  it('makes long sentences, short and tiny pieces', () => {
    const set = samplesFromProse(3, [
      'This sentence is long enough to count as long. Short one here.',
    ]);
    expect(set.long.map((s) => s.text)).toEqual(['This sentence is long enough to count as long.']);
    expect(set.short.every((s) => s.label === 3 && s.text.length >= 15 && s.text.length < 40)).toBe(
      true,
    );
    expect(set.tiny.every((s) => s.text.length < 15)).toBe(true);
    expect(set.tiny.length).toBeGreaterThan(0);
  });
});

describe('samplesFromMessages and capSamples', () => {
  const set = samplesFromMessages(
    0,
    Array.from({ length: 10 }, (_, i) => `message number ${i}`),
  );

  it('puts each message whole in its band', () => {
    expect(set.short).toHaveLength(10);
  });

  it('keeps at most `cap` per band, the same for a seed, in their order', () => {
    const a = capSamples(set, 4, 1);
    expect(a.short).toHaveLength(4);
    expect(capSamples(set, 4, 1)).toEqual(a);
    const order = a.short.map((s) => Number(s.text.split(' ')[2]));
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });
});
