import { Contender } from './benchmark';
import { SourceResult } from './eval-report';
import { evaluate, textsOf } from './evaluate';
import { EvaluationSet } from './held-out';

/**
 * Perch's answers and every other identifier's, per source: `perchAnswers` and each
 * contender's answers follow the sources' texts in order (textsOf of each set, one after the
 * other). `abstain` counts as wrong.
 */
export async function compareOnSources(
  labels: readonly string[],
  sets: readonly { readonly source: string; readonly set: EvaluationSet }[],
  perchAnswers: readonly string[],
  others: readonly Contender[],
  abstain: string,
): Promise<SourceResult[]> {
  const texts = sets.flatMap((s) => textsOf(s.set));
  const otherAnswers: string[][] = [];
  for (const c of others) otherAnswers.push(await c.identify(texts));
  let at = 0;
  return sets.map(({ source, set }) => {
    const n = textsOf(set).length;
    const slice = (answers: readonly string[]): string[] => answers.slice(at, at + n);
    const result = {
      source,
      perch: evaluate(labels, set, slice(perchAnswers), abstain),
      others: others.map((c, i) => ({
        name: c.name,
        report: evaluate(labels, set, slice(otherAnswers[i]), abstain),
      })),
    };
    at += n;
    return result;
  });
}
