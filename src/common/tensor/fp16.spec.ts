import { fromHalfBits, toHalfBits } from './fp16';

describe('binary16 conversion', () => {
  const cases: [number, number][] = [
    [0, 0x0000],
    [1, 0x3c00],
    [-2, 0xc000],
    [65504, 0x7bff],
    [2 ** -24, 0x0001],
    [Infinity, 0x7c00],
    [0.1, 0x2e66],
    [70000, 0x7c00],
  ];
  it.each(cases)('%p ↔ 0x%s', (value, bits) => {
    expect(toHalfBits(value)).toBe(bits);
  });

  it('round-trips every finite half value', () => {
    for (let bits = 0; bits < 0x7c00; bits++) expect(toHalfBits(fromHalfBits(bits))).toBe(bits);
  });

  it('keeps NaN a NaN', () => {
    expect(Number.isNaN(fromHalfBits(toHalfBits(NaN)))).toBe(true);
  });
});
