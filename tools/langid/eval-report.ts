import { SOFTWARE_SOURCE, SOURCE_NOTES } from './eval-sources';
import { abstainRate, Accuracy, beats, EvaluationReport, percent } from './evaluate';

export interface Rate {
  readonly name: string;
  readonly perSecond: number;
}

/** One source's held-out texts, answered by Perch and by the other identifiers. */
export interface SourceResult {
  readonly source: string;
  readonly perch: EvaluationReport;
  readonly others: readonly { readonly name: string; readonly report: EvaluationReport }[];
}

/** Everything EVAL.md states; the tool measures it, this file only writes it down. */
export interface EvalFacts {
  readonly command: string;
  /** `name version` of each Debian package read. */
  readonly packages: readonly string[];
  readonly model: {
    readonly columns: readonly { readonly family: string; readonly columns: number }[];
    readonly familyFactors: readonly number[];
    readonly smoothing: number;
    readonly englishShare: number;
    readonly scriptPenalty: number;
    readonly abstainThreshold: number;
    readonly bytes: number;
  };
  readonly results: readonly SourceResult[];
  readonly seedCheck: { readonly texts: readonly string[]; readonly labels: readonly string[] };
  /** Sample answers to everyday inputs, shown as they are. */
  readonly everyday: readonly { readonly text: string; readonly label: string }[];
  readonly throughput?: {
    readonly machine: string;
    readonly rounds: number;
    readonly texts: number;
    readonly rows: readonly Rate[];
    readonly perch: Rate;
  };
}

const SIZE_TARGET = 10 * 1024 * 1024;
const SPEED_TARGET = 10_000;

/** EVAL.md, in Markdown. */
export function evalMarkdown(f: EvalFacts): string {
  const met = (ok: boolean): string => (ok ? 'met' : '**not met**');
  const mib = (f.model.bytes / 1048576).toFixed(2);
  const eld = (r: SourceResult): EvaluationReport | undefined =>
    r.others.find((o) => o.name.startsWith('eld'))?.report;
  const nonUdhr = f.results.filter((r) => r.source !== 'UDHR');
  const cell = (a: Accuracy): string => `${percent(a)}`;
  return [
    '# langid: evaluation',
    '',
    `Written by \`${f.command}\`; rerun it rather than editing this file.`,
    '',
    '## Sources',
    '',
    ...SOURCE_NOTES,
    '',
    `Debian packages read: ${f.packages.join(', ')}.`,
    '',
    '## Model',
    '',
    `- Features: ${f.model.columns.map((c) => `${c.columns} ${c.family}`).join(', ')} (1-gram columns include one per script for rarer letters).`,
    `- Multinomial naive Bayes, one multinomial per family, each language's sources mixed with equal weight, ${f.model.englishShare * 100}% English blended into every other language, smoothed with ${f.model.smoothing * 100}% uniform mass.`,
    `- Family factors fitted on the held-out fitting texts: ${f.model.familyFactors.map((b) => b.toFixed(4)).join(', ')}; a letter of a non-Latin script costs a language not written in it ${f.model.scriptPenalty} nats.`,
    '- The English share and the script penalty were set by hand during development, with these tables in view; the family factors and the abstain threshold are fitted on the fitting texts only, never on a test text.',
    `- Abstains (\`und\`) below a top probability of ${f.model.abstainThreshold}, fitted on the same fitting texts; also \`config.json\` \`parameters.abstain_threshold\`.`,
    `- model.onnx: ${f.model.bytes} bytes (${mib} MiB), weights in float16.`,
    '',
    '## Accuracy on held-out texts',
    '',
    'Each cell is long (≥ 40 code points) / short (15–39). An `und` answer counts as wrong;',
    '"abstained" is the share of texts Perch answered `und`.',
    '',
    `| Source | Texts | Perch | Perch abstained | ${f.results[0].others.map((o) => o.name).join(' | ')} |`,
    `|---|---|---|---|${f.results[0].others.map(() => '---|').join('')}`,
    ...f.results.map((r) => {
      const pair = (a: EvaluationReport): string =>
        `${cell(a.bands.long)} / ${cell(a.bands.short)}`;
      const b = r.perch.bands;
      return `| ${r.source} | ${b.long.total} / ${b.short.total} | ${pair(r.perch)} | ${abstainRate(b.long)} / ${abstainRate(b.short)} | ${r.others.map((o) => pair(o.report)).join(' | ')} |`;
    }),
    '',
    '## Abstaining',
    '',
    `Threshold ${f.model.abstainThreshold}: a guess is given when the model thinks it is more likely right than wrong`,
    '(the threshold maximises right minus wrong answers on the fitting texts). On tiny held-out texts (1–14 code points):',
    '',
    '| Source | Tiny texts | Right | Abstained | Wrong |',
    '|---|---|---|---|---|',
    ...f.results.map((r) => {
      const t = r.perch.bands.tiny;
      const wrong = t.total - t.correct - t.abstained;
      return `| ${r.source} | ${t.total} | ${percent(t)} | ${abstainRate(t)} | ${percent({ ...t, correct: wrong })} |`;
    }),
    '',
    ...f.everyday.map((e) => `- ${JSON.stringify(e.text)} → \`${e.label}\``),
    '',
    '## Targets',
    '',
    ...nonUdhr.map((r) => {
      const e = eld(r);
      const ok =
        !!e && beats(r.perch.bands.long, e.bands.long) && beats(r.perch.bands.short, e.bands.short);
      return `- Better than eld on ${r.source}, both bands: ${cell(r.perch.bands.long)} / ${cell(r.perch.bands.short)} against ${e ? `${cell(e.bands.long)} / ${cell(e.bands.short)}` : 'n/a'}, ${met(ok)}.`;
    }),
    `- model.onnx < 10 MB: ${mib} MiB, ${met(f.model.bytes < SIZE_TARGET)}.`,
    `- Seed request ${JSON.stringify(f.seedCheck.texts)} answers ["en","en","zh"]: ${JSON.stringify(f.seedCheck.labels)}, ${met(f.seedCheck.labels.join() === 'en,en,zh')}.`,
    ...throughputLines(f),
    '',
    '## Per language, software strings',
    '',
    '| Language | long | short |',
    '|---|---|---|',
    ...(f.results.find((r) => r.source === SOFTWARE_SOURCE)?.perch.perLabel ?? []).map(
      (l) =>
        `| ${l.label} | ${percent(l.bands.long)} (${l.bands.long.total}) | ${percent(l.bands.short)} (${l.bands.short.total}) |`,
    ),
    '',
    '## Confusions on software strings (expected → answered, long and short)',
    '',
    '| Expected | Answered | Texts |',
    '|---|---|---|',
    ...(f.results.find((r) => r.source === SOFTWARE_SOURCE)?.perch.confusions ?? [])
      .slice(0, 20)
      .map((c) => `| ${c.expected} | ${c.predicted} | ${c.count} |`),
    '',
  ].join('\n');
}

function throughputLines(f: EvalFacts): string[] {
  const t = f.throughput;
  if (!t) return ['- Throughput: not measured in this run (`--no-bench`).'];
  return [
    `- Perch over HTTP, batches of 64, ≥ ${SPEED_TARGET} texts/s: ${Math.round(t.perch.perSecond)}/s, ${t.perch.perSecond >= SPEED_TARGET ? 'met' : '**not met**'}.`,
    '',
    '## Throughput',
    '',
    `${t.texts} held-out texts per round (all bands); the identifiers take turns within each round, after one untimed warm-up pass; median of ${t.rounds} rounds, on ${t.machine}.`,
    '',
    '| Identifier | Texts per second |',
    '|---|---|',
    ...[...t.rows, t.perch].map((r) => `| ${r.name} | ${Math.round(r.perSecond)} |`),
  ];
}
