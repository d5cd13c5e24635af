import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { eldContender, francContender, tinyldContender } from './baselines';
import { Contender } from './benchmark';
import { compareOnSources } from './comparison';
import { evalMarkdown, EvalFacts } from './eval-report';
import { SOFTWARE_SOURCE } from './eval-sources';
import { percent, textsOf } from './evaluate';
import { FAMILIES } from './features';
import { capSamples, EvaluationSet, mergeSets, samplesFromMessages } from './held-out';
import { langidConfig } from './langid-config';
import { LANGUAGES, UNDETERMINED } from './languages';
import { predictText } from './linear-model';
import { runLangidGraph } from './onnx-run';
import { DEFAULT_TRAIN_OPTIONS, trainLangid } from './trainer';
import { measureThroughput } from './throughput';
import { readCorpus } from './training-corpus';

/**
 * `npm run models:langid [-- --version N] [--seed S] [--abstain-threshold T] [--rounds R]
 * [--no-bench] [--repository DIR]`: reads the sources (fetching the Debian packages it needs
 * with apt-get download on first use), trains the language identifier, checks that the ONNX
 * graph answers exactly as the TypeScript reference, writes <repository>/langid/{N/model.onnx,
 * config.json, labels.txt, EVAL.md}, compares it with eld, tinyld and franc on every source's
 * held-out texts and (unless --no-bench) measures Perch over HTTP.
 */
const ROOT = resolve(__dirname, '..', '..');
const SEED_TEXTS = ['Test this language', "Some more text to guess it's language", '慢走。'];
const EVERYDAY = [
  'ok',
  'OK',
  'Save',
  'Cancel',
  'Open file',
  'Hello',
  'Danke schön',
  'Merci beaucoup',
];

interface Args {
  version: number;
  seed: number;
  abstainThreshold?: number;
  rounds: number;
  bench: boolean;
  repository: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    version: 1,
    seed: 42,
    rounds: 5,
    bench: true,
    repository: join(ROOT, 'models'),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--no-bench') {
      args.bench = false;
      continue;
    }
    const value = argv[++i];
    const int = (): number => {
      if (!/^[1-9]\d*$/.test(value ?? '')) throw new Error(`${flag} needs a positive integer`);
      return Number(value);
    };
    if (flag === '--version') args.version = int();
    else if (flag === '--seed') args.seed = int();
    else if (flag === '--rounds') args.rounds = int();
    else if (flag === '--repository' && value) args.repository = resolve(value);
    else if (flag === '--abstain-threshold' && Number(value) > 0 && Number(value) <= 1)
      args.abstainThreshold = Number(value);
    else throw new Error(`unknown argument ${flag} (--abstain-threshold takes a number in (0, 1])`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const corpus = readCorpus(LANGUAGES, args.seed);
  const options = {
    ...DEFAULT_TRAIN_OPTIONS,
    seed: args.seed,
    abstainThreshold: args.abstainThreshold,
  };
  const trained = trainLangid(corpus.sources, options);
  const { model, space } = trained;
  const labels = model.labels;
  const software = mergeSets(
    corpus.software.map((messages, label) =>
      capSamples(samplesFromMessages(label, messages), options.sampleCap, args.seed + label),
    ),
  );
  const sets: { source: string; set: EvaluationSet }[] = [
    ...trained.test,
    { source: SOFTWARE_SOURCE, set: software },
  ];
  const texts = sets.flatMap((s) => textsOf(s.set));
  const checked = [...texts, ...textsOf(trained.dev), ...SEED_TEXTS, ...EVERYDAY];
  const graph = await runLangidGraph(trained.onnx, checked);
  // Labels must agree exactly; probabilities to float32 rounding (the graph sums in float32).
  const differing = checked.filter((t, i) => {
    const reference = predictText(model, space, t, UNDETERMINED, trained.abstainThreshold);
    const close = reference.probabilities.every(
      (p, c) => Math.abs(p - graph.probabilities[i][c]) < 1e-4,
    );
    return reference.label !== graph.labels[i] || !close;
  }).length;
  if (differing > 0)
    throw new Error(`the ONNX graph and the TypeScript reference disagree on ${differing} texts`);

  const modelDir = join(args.repository, 'langid');
  const labelsText = `${labels.join('\n')}\n`;
  const labelsFile = join(modelDir, 'labels.txt');
  if (existsSync(labelsFile) && readFileSync(labelsFile, 'utf8') !== labelsText) {
    throw new Error(
      `${labelsFile} lists other languages; labels.txt is shared by every version, so train under a new model name`,
    );
  }
  mkdirSync(join(modelDir, String(args.version)), { recursive: true });
  writeFileSync(join(modelDir, String(args.version), 'model.onnx'), trained.onnx);
  writeFileSync(labelsFile, labelsText);
  const config = langidConfig(labels.length, trained.abstainThreshold);
  writeFileSync(join(modelDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);

  const toIso1 = new Map(LANGUAGES.map((l) => [l.iso6393, l.code]));
  const others: Contender[] = [
    await eldContender('eld 2.1.0 (large)'),
    await tinyldContender('tinyld 1.3.4'),
    await francContender('franc 6.2.0 (30 languages)', toIso1, [...toIso1.keys()]),
  ];
  const perchAnswers = graph.labels.slice(0, texts.length);
  const results = await compareOnSources(labels, sets, perchAnswers, others, UNDETERMINED);
  const command =
    `npm run models:langid -- --version ${args.version} --seed ${args.seed}` +
    (args.abstainThreshold ? ` --abstain-threshold ${args.abstainThreshold}` : '') +
    (args.bench ? ` --rounds ${args.rounds}` : ' --no-bench');
  const facts: EvalFacts = {
    command,
    packages: corpus.packages.map((p) => `${p.name} ${p.version}`),
    model: {
      columns: FAMILIES.map((family, f) => ({
        family,
        columns: space.familyOf.filter((x) => x === f).length,
      })),
      familyFactors: trained.familyFactors,
      smoothing: options.smoothing,
      englishShare: options.englishShare,
      scriptPenalty: options.scriptPenalty,
      abstainThreshold: trained.abstainThreshold,
      bytes: trained.onnx.length,
    },
    results,
    seedCheck: {
      texts: SEED_TEXTS,
      labels: graph.labels.slice(-EVERYDAY.length - 3, -EVERYDAY.length),
    },
    everyday: EVERYDAY.map((text, i) => ({
      text,
      label: graph.labels[checked.length - EVERYDAY.length + i],
    })),
    ...(args.bench && {
      throughput: await measureThroughput({
        ...args,
        onnx: trained.onnx,
        texts,
        graphLabels: perchAnswers,
        others,
      }),
    }),
  };
  writeFileSync(join(modelDir, 'EVAL.md'), evalMarkdown(facts));
  console.log(
    `langid version ${args.version}: ${trained.onnx.length} bytes, abstain below ${trained.abstainThreshold}`,
  );
  for (const r of results)
    console.log(
      `  ${r.source}: long ${percent(r.perch.bands.long)}, short ${percent(r.perch.bands.short)}`,
    );
  console.log(
    `wrote ${relative(ROOT, modelDir)}/{${args.version}/model.onnx,config.json,labels.txt,EVAL.md}`,
  );
  const t = facts.throughput;
  for (const row of t ? [...t.rows, t.perch] : [])
    console.log(`  ${row.name}: ${Math.round(row.perSecond)} texts/s`);
}

main().catch((e: unknown) => {
  console.error(`models:langid failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
