import { Placement } from './model-runner';
import { CostPoint, RunCost } from './run-cost';

/** `auto`: a run estimated at most this long executes on the event loop (a thread hop is ~20–80 µs). */
export const AUTO_INLINE_BUDGET_NS = 200_000;
/** `inline`: the most a config.json may let one run hold the event loop. */
export const FORCED_INLINE_BUDGET_NS = 1_000_000;
/** Larger model files are never also loaded on the event loop: creating a session blocks it. */
export const INLINE_MAX_MODEL_BYTES = 4 * 1024 * 1024;

/**
 * Whether a model version gets an inline lane, and its budget: never for `pool`, a model file
 * past INLINE_MAX_MODEL_BYTES or one that could not be measured; otherwise when its smallest
 * measured run fits the budget of its placement. Pure, so the rule is table-tested.
 */
export function inlineBudget(
  placement: Placement,
  modelBytes: number,
  points: readonly CostPoint[] | undefined,
): { cost: RunCost; budgetNs: number } | undefined {
  if (placement === 'pool' || !points || points.length === 0) return undefined;
  if (modelBytes > INLINE_MAX_MODEL_BYTES) return undefined;
  const budgetNs = placement === 'inline' ? FORCED_INLINE_BUDGET_NS : AUTO_INLINE_BUDGET_NS;
  const smallest = Math.min(...points.map((p) => p.ns));
  return smallest <= budgetNs ? { cost: new RunCost(points), budgetNs } : undefined;
}
