import { EvaluationReport, percent } from './evaluate';

export interface Rate {
  readonly name: string;
  readonly perSecond: number;
}

/** Everything EVAL.md states; the tool measures it, this file only writes it down. */
export interface EvalFacts {
  readonly command: string;
  readonly corpus: string;
  readonly heldOutArticles: readonly number[];
  readonly trainingArticles: readonly number[];
  readonly temperature: number;
  readonly modelBytes: number;
  readonly columns: number;
  readonly poolSize: number;
  readonly trainingSize: readonly number[];
  readonly perch: EvaluationReport;
  readonly seedCheck: { readonly texts: readonly string[]; readonly labels: readonly string[] };
  readonly franc?: { readonly name: string; readonly report: EvaluationReport }[];
  readonly throughput?: {
    readonly machine: string;
    readonly rounds: number;
    readonly sentences: number;
    readonly franc: readonly Rate[];
    /** The same graph in ONNX Runtime in this process: what HTTP serving can at best approach. */
    readonly graph: Rate;
    readonly perch: Rate;
  };
}

const LONG_TARGET = 0.97;
const SHORT_TARGET = 0.9;
const SIZE_TARGET = 5 * 1024 * 1024;
const SPEED_TARGET = 10;

/** EVAL.md, in Markdown. */
export function evalMarkdown(f: EvalFacts): string {
  const rate = (a: { correct: number; total: number }): number => a.correct / a.total;
  const met = (ok: boolean): string => (ok ? 'met' : '**not met**');
  const lines = [
    '# langid: evaluation',
    '',
    `Written by \`${f.command}\`; rerun it rather than editing this file.`,
    '',
    '## Data and model',
    '',
    `- Corpus: ${f.corpus}.`,
    `- Split by article, the same for every language: held out ${f.heldOutArticles.join(', ')};` +
      ` trained on ${f.trainingArticles.join(', ')} (0 is the preamble).`,
    `- Held-out texts: ${f.perch.long.total} sentences of ≥ 40 code points, and ${f.perch.short.total} pieces` +
      ' of 15–39 code points (short sentences, and longer sentences cut at word boundaries).',
    `- Model: multinomial naive Bayes on ${f.columns} columns (character 1–3-grams and one column per script` +
      ` for rarer letters; ${f.poolSize} pool entries), temperature ${f.temperature.toFixed(3)};` +
      ` model.onnx is ${f.modelBytes} bytes (${(f.modelBytes / 1048576).toFixed(2)} MiB).`,
    '',
    '## Accuracy on the held-out texts',
    '',
    '| Identifier | ≥ 40 code points | 15–39 code points |',
    '|---|---|---|',
    `| Perch langid | ${percent(f.perch.long)} | ${percent(f.perch.short)} |`,
    ...(f.franc ?? []).map(
      (r) => `| ${r.name} | ${percent(r.report.long)} | ${percent(r.report.short)} |`,
    ),
    '',
    ...(f.franc
      ? [
          "franc's trigram profiles are built from the UDHR itself, all articles included, so its",
          'figures above include text it was built from; Perch langid never saw these articles.',
          '',
        ]
      : []),
    `The seed request ${JSON.stringify(f.seedCheck.texts)} is answered ${JSON.stringify(f.seedCheck.labels)}.`,
    '',
    '## Targets',
    '',
    `- ≥ 97% on sentences of ≥ 40 code points: ${percent(f.perch.long)}, ${met(rate(f.perch.long) >= LONG_TARGET)}.`,
    `- ≥ 90% on 15–39 code points: ${percent(f.perch.short)}, ${met(rate(f.perch.short) >= SHORT_TARGET)}.`,
    `- Seed request answers ["en","en","zh"]: ${met(f.seedCheck.labels.join() === 'en,en,zh')}.`,
    `- model.onnx < 5 MB: ${(f.modelBytes / 1048576).toFixed(2)} MiB, ${met(f.modelBytes < SIZE_TARGET)}.`,
    ...throughputLines(f),
    '',
    '## Per language',
    '',
    '| Language | ≥ 40 | 15–39 | Training text (code points) |',
    '|---|---|---|---|',
    ...f.perch.perLabel.map(
      (l, i) =>
        `| ${l.label} | ${percent(l.long)} (${l.long.total}) | ${percent(l.short)} (${l.short.total}) | ${f.trainingSize[i]} |`,
    ),
    '',
    '## Confusions (expected → answered, both lengths)',
    '',
    ...(f.perch.confusions.length === 0
      ? ['None.']
      : [
          '| Expected | Answered | Texts |',
          '|---|---|---|',
          ...f.perch.confusions
            .slice(0, 20)
            .map((c) => `| ${c.expected} | ${c.predicted} | ${c.count} |`),
        ]),
    '',
  ];
  return lines.join('\n');
}

function throughputLines(f: EvalFacts): string[] {
  const t = f.throughput;
  if (!t) return ['- Throughput: not measured in this run (`--no-bench`).'];
  const missed = t.franc.filter((r) => t.perch.perSecond < SPEED_TARGET * r.perSecond);
  const needed = missed.map((r) => `${Math.round(SPEED_TARGET * r.perSecond)}/s against ${r.name}`);
  return [
    ...t.franc.map((r) => {
      const ratio = t.perch.perSecond / r.perSecond;
      const ok = ratio >= SPEED_TARGET ? 'met' : '**not met**';
      return `- Perch over HTTP ≥ 10× ${r.name}: ${ratio.toFixed(1)}×, ${ok}.`;
    }),
    ...(missed.length === 0
      ? []
      : [
          '',
          `Why not: 10× needs ${needed.join(' and ')}. The graph itself, in ONNX Runtime in this` +
            ` process with no HTTP at all, runs ${Math.round(t.graph.perSecond)}/s on one thread` +
            ` (most of it TfIdfVectorizer and the ${f.columns}-column MatMul); serving adds JSON and HTTP` +
            ` on the same 2 cores as the client, which gets Perch to ${Math.round(t.perch.perSecond)}/s` +
            ` (${Math.round((100 * t.perch.perSecond) / t.graph.perSecond)}% of the graph's own rate).`,
        ]),
    '',
    '## Throughput',
    '',
    `${t.sentences} held-out texts per round; the identifiers take turns within each round, after one untimed warm-up pass; median of ${t.rounds} rounds, on ${t.machine}.`,
    '',
    '| Identifier | Texts per second |',
    '|---|---|',
    ...[...t.franc, t.graph, t.perch].map((r) => `| ${r.name} | ${Math.round(r.perSecond)} |`),
  ];
}
