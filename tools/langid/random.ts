// One seeded generator for all tools: the article split uses the same mulberry32 as the models tool.
export { mulberry32 as seededRandom } from '../models/seeded-random';

/** A shuffled copy (Fisher–Yates); `random` decides the order. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
