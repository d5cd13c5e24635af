import { OverloadedError } from '../common/errors/serving.errors';
import { BodyBudget, JSON_PARSE_WEIGHT } from './body-budget';

const json = (length: number) => ({
  'content-type': 'application/json',
  'content-length': String(length),
});
const binary = (length: number) => ({
  'content-type': 'application/octet-stream',
  'content-length': String(length),
});

describe('BodyBudget', () => {
  it.each([
    ['JSON by its parse weight', json(1000), 1000 * JSON_PARSE_WEIGHT],
    ['raw bytes at weight 1', binary(1000), 1000],
    [
      'the binary extension at weight 1',
      { ...json(1000), 'inference-header-content-length': '10' },
      1000,
    ],
    [
      'a compressed body: nothing until it inflates',
      { ...json(1000), 'content-encoding': 'gzip' },
      0,
    ],
    ['a chunked body: nothing until it arrives', { 'transfer-encoding': 'chunked' }, 0],
  ])('admits %s', (_name, headers, held) => {
    const budget = new BodyBudget(1e9);
    budget.admit(headers);
    expect(budget.inUse).toBe(held);
  });

  it('admits one oversized body at a time, charged half the budget, beside ordinary ones', () => {
    const budget = new BodyBudget(1000);
    const first = budget.admit(binary(5000));
    expect(budget.inUse).toBe(500);
    expect(() => budget.admit(binary(501))).toThrow(OverloadedError);
    const ordinary = budget.admit(binary(400));
    expect(() => budget.admit(binary(101))).toThrow(OverloadedError);
    expect(budget.rejected).toBe(2);
    first.release();
    first.release();
    ordinary.release();
    expect(budget.inUse).toBe(0);
    expect(() => budget.admit(binary(5000)).release()).not.toThrow();
  });

  it('charges a body that delivers more than it declared, until the budget is spent', () => {
    const budget = new BodyBudget(1000);
    const held = budget.admit(binary(500));
    const chunked = budget.admit({
      'transfer-encoding': 'chunked',
      'content-type': 'application/octet-stream',
    });
    expect(chunked.cover(300)).toBe(true);
    expect(budget.inUse).toBe(800);
    expect(chunked.cover(600)).toBe(false);
    expect(chunked.refusal()).toBeInstanceOf(OverloadedError);
    held.release();
    chunked.release();
    expect(budget.inUse).toBe(0);
  });

  it('has no limit at 0', () => {
    const budget = new BodyBudget(0);
    budget.admit(json(1e8));
    expect(() => budget.admit(json(1e8))).not.toThrow();
  });
});
