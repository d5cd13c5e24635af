import { fromHalfBits, toHalfBits } from './fp16';

describe('half floats', () => {
  it.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [65504, 0x7bff],
    [65520, 0x7c00],
    [2 ** -24, 0x0001],
    [2 ** -14, 0x0400],
    [1 + 2 ** -11, 0x3c00],
    [1 + 3 * 2 ** -11, 0x3c02],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
  ])('%p ↔ 0x%s', (value, bits) => {
    expect(toHalfBits(value)).toBe(bits);
    if (value !== 65520 && value !== 1 + 2 ** -11 && value !== 1 + 3 * 2 ** -11)
      expect(fromHalfBits(bits)).toBe(value);
  });

  it('keeps NaN', () => {
    expect(fromHalfBits(toHalfBits(NaN))).toBeNaN();
  });
});
