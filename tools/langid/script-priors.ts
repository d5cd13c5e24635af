import { FeatureSpace } from './features';
import { Language } from './languages';
import { LinearModel } from './linear-model';
import { codePointLength } from './text-samples';
import { SCRIPTS, scriptOf } from './scripts';

/**
 * Script-aware priors: a letter of a script other than Latin that a language is not written
 * in costs that language `penalty` nats, whatever the letter. Hangul, kana, Thai, Devanagari
 * say a lot on their own, but naive Bayes, whose odds are tempered (calibration.ts) to suit
 * texts of many n-grams, hears two Han characters ("慢走") as hardly more than a hint.
 * Latin is exempt: software text in every language quotes Latin-script names and commands.
 * The penalty goes on the 1-gram weights, where every letter is counted once (in its own
 * column or its script's), so the graph needs nothing new.
 */
export function withScriptPriors(
  model: LinearModel,
  space: FeatureSpace,
  languages: readonly Language[],
  penalty: number,
): LinearModel {
  const k = model.labels.length;
  const weights = Float64Array.from(model.weights);
  const uses = languages.map(
    (l) => new Set(l.scripts.map((name) => SCRIPTS.findIndex((s) => s.name === name))),
  );
  const latin = SCRIPTS.findIndex((s) => s.name === 'latin');
  const scriptColumns = space.columns - SCRIPTS.length;
  const scriptOfColumn = new Map<number, number>();
  for (const [gram, column] of space.vocabularies[0]) {
    if (column >= scriptColumns) scriptOfColumn.set(column, column - scriptColumns);
    else if (codePointLength(gram) === 1) scriptOfColumn.set(column, scriptOf(gram));
  }
  for (const [column, script] of scriptOfColumn) {
    if (script < 0 || script === latin) continue;
    for (let c = 0; c < k; c++) if (!uses[c].has(script)) weights[column * k + c] -= penalty;
  }
  return { ...model, weights };
}
