import { AUTO_INLINE_BUDGET_NS, FORCED_INLINE_BUDGET_NS, inlineBudget } from './inline-policy';
import { inputUnits, RunCost } from './run-cost';

const tiny = [
  { units: 64, ns: 20_000 },
  { units: 4096, ns: 70_000 },
];
const heavy = [{ units: 512, ns: 600_000 }];

describe('inlineBudget', () => {
  it.each([
    ['auto, tiny runs', 'auto', 1000, tiny, AUTO_INLINE_BUDGET_NS],
    ['auto, heavy runs', 'auto', 1000, heavy, undefined],
    ['pool', 'pool', 1000, tiny, undefined],
    ['inline, heavier runs within its cap', 'inline', 1000, heavy, FORCED_INLINE_BUDGET_NS],
    ['inline, past its cap', 'inline', 1000, [{ units: 1, ns: 2_000_000 }], undefined],
    ['a model file too large to load on the event loop', 'auto', 8 * 1024 * 1024, tiny, undefined],
    ['not measured', 'auto', 1000, undefined, undefined],
  ] as const)('%s', (_name, placement, bytes, points, budget) => {
    expect(inlineBudget(placement, bytes, points)?.budgetNs).toBe(budget);
  });
});

describe('RunCost', () => {
  it('draws a line through two measurements', () => {
    const cost = new RunCost(tiny);
    expect(cost.estimateNs(64)).toBeCloseTo(20_000);
    expect(cost.estimateNs(4096)).toBeCloseTo(70_000);
    expect(cost.estimateNs(40_960)).toBeGreaterThan(AUTO_INLINE_BUDGET_NS);
  });

  it('never slopes down, and is flat with one point', () => {
    expect(
      new RunCost([
        { units: 1, ns: 50 },
        { units: 10, ns: 40 },
      ]).estimateNs(1e9),
    ).toBe(50);
    expect(new RunCost(heavy).estimateNs(1e9)).toBe(600_000);
  });

  it('counts numeric elements, and the text of BYTES elements', () => {
    expect(
      inputUnits([
        { name: 'a', datatype: 'FP32', shape: [2, 2], data: new Float32Array(4) },
        { name: 'b', datatype: 'BYTES', shape: [2], data: ['abc', 'de'] },
      ]),
    ).toBe(9);
  });
});
