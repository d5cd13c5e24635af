import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ABSTAIN_METADATA } from './langid-graph';
import { LANGUAGES, UNDETERMINED } from './languages';
import { predictText } from './linear-model';
import { inspectLangid } from './onnx-inspect';
import { runLangidGraph } from './onnx-run';
import { DEFAULT_TRAIN_OPTIONS, TrainedLangid, trainLangid, TrainOptions } from './trainer';
import { TrainingSource, udhrSource, wordListSource } from './training-sources';

const COMMITTED = join(__dirname, '..', '..', 'models', 'langid');

/**
 * A small, quick configuration: three languages, a few hundred columns, and the two sources
 * that npm delivers (the full build also reads Debian packages, which CI does not fetch).
 */
const SMALL: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  budgets: [300, 300, 300, 300, 300],
  sampleCap: 40,
  languages: LANGUAGES.filter((l) => ['de', 'en', 'zh'].includes(l.code)),
};
const sourcesFor = (seed: number): TrainingSource[] => [
  udhrSource(SMALL.languages, seed),
  wordListSource(SMALL.languages, seed),
];

describe('trainLangid', () => {
  let small: TrainedLangid;
  beforeAll(() => {
    small = trainLangid(sourcesFor(42), SMALL);
  });

  it('gives the same bytes for the same seed, and others for another seed', () => {
    expect(
      Buffer.from(trainLangid(sourcesFor(42), SMALL).onnx).equals(Buffer.from(small.onnx)),
    ).toBe(true);
    const other = trainLangid(sourcesFor(7), { ...SMALL, seed: 7 });
    expect(Buffer.from(other.onnx).equals(Buffer.from(small.onnx))).toBe(false);
  });

  it('builds a graph that answers exactly as the TypeScript reference, und included', async () => {
    const texts = [
      ...[...small.test[0].set.long, ...small.test[0].set.short, ...small.dev.tiny].map(
        (s) => s.text,
      ),
      '',
      '12345',
      '?!… -- ()',
      'ქართული',
      'ok',
      '慢走。',
    ];
    const graph = await runLangidGraph(small.onnx, texts, { labelsOnly: true });
    const reference = texts.map((t) =>
      predictText(small.model, small.space, t, UNDETERMINED, small.abstainThreshold),
    );
    expect(graph.labels).toEqual(reference.map((r) => r.label));
    expect(graph.labels.slice(-6)).toEqual(['und', 'und', 'und', 'und', 'und', 'zh']);
  });

  it('identifies the held-out UDHR texts of the small configuration', () => {
    const { long, short } = small.test[0].set;
    const correct = [...long, ...short].filter(
      (s) =>
        predictText(small.model, small.space, s.text, UNDETERMINED, small.abstainThreshold)
          .label === small.model.labels[s.label],
    );
    expect(correct.length / (long.length + short.length)).toBeGreaterThan(0.95);
  });

  it('writes the abstain threshold into the graph, and uses a given one instead of fitting', () => {
    const facts = inspectLangid(small.onnx);
    expect(facts.metadata.get(ABSTAIN_METADATA)).toBe(String(small.abstainThreshold));
    expect(facts.threshold).toBeCloseTo(small.abstainThreshold, 6);
    expect(facts.labelValues).toEqual(['de', 'en', 'zh', UNDETERMINED]);
    const strict = trainLangid(sourcesFor(42), { ...SMALL, abstainThreshold: 0.99 });
    expect(inspectLangid(strict.onnx).threshold).toBeCloseTo(0.99, 6);
    expect(predictText(strict.model, strict.space, 'Hallo', UNDETERMINED, 0.99).label).toBe(
      UNDETERMINED,
    );
  });
});

describe('the committed model', () => {
  const config = JSON.parse(readFileSync(join(COMMITTED, 'config.json'), 'utf8')) as {
    parameters: Record<string, string>;
  };
  const facts = inspectLangid(readFileSync(join(COMMITTED, '2', 'model.onnx')));

  it('abstains below the threshold config.json states (rerun npm run models:langid if this fails)', () => {
    const stated = config.parameters.abstain_threshold;
    expect(facts.metadata.get(ABSTAIN_METADATA)).toBe(stated);
    expect(facts.threshold).toBeCloseTo(Number(stated), 6);
  });

  it('labels index i as line i of labels.txt, then und', () => {
    const lines = readFileSync(join(COMMITTED, 'labels.txt'), 'utf8').trimEnd().split('\n');
    expect(lines).toEqual(LANGUAGES.map((l) => l.code));
    expect(facts.labelValues).toEqual([...lines, UNDETERMINED]);
    expect(facts.labelKeys).toEqual(Array.from({ length: lines.length + 1 }, (_, i) => i));
  });
});
