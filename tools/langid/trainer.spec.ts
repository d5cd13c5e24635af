import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelProto } from '../models/onnx-proto';
import { LANGUAGES, UNDETERMINED } from './languages';
import { predictText } from './linear-model';
import { DEFAULT_TRAIN_OPTIONS, TrainedLangid, trainLangid, TrainOptions } from './trainer';

const COMMITTED = join(__dirname, '..', '..', 'models', 'langid');

/** A small, quick configuration: three languages, a few hundred columns. */
const SMALL: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  vocabularySize: 300,
  languages: LANGUAGES.filter((l) => ['de', 'en', 'zh'].includes(l.code)),
};

interface Attribute {
  name: string;
  ints?: (number | { toNumber(): number })[];
  strings?: Uint8Array[];
}

/** keys_int64s and values_strings of the graph's LabelEncoder, read back from the file. */
function labelEncoder(onnx: Uint8Array): { keys: number[]; values: string[] } {
  const model = ModelProto.toObject(ModelProto.decode(onnx)) as {
    graph: { node: { opType: string; attribute: Attribute[] }[] };
  };
  const node = model.graph.node.find((n) => n.opType === 'LabelEncoder');
  const attr = (name: string): Attribute | undefined =>
    node?.attribute.find((a) => a.name === name);
  return {
    keys: (attr('keys_int64s')?.ints ?? []).map(Number),
    values: (attr('values_strings')?.strings ?? []).map((s) => Buffer.from(s).toString('utf8')),
  };
}

describe('trainLangid', () => {
  let small: TrainedLangid;
  beforeAll(() => {
    small = trainLangid(SMALL);
  });

  it('gives the same bytes for the same seed, and another split for another seed', () => {
    const a = small;
    const b = trainLangid(SMALL);
    expect(Buffer.from(a.onnx).equals(Buffer.from(b.onnx))).toBe(true);
    const c = trainLangid({ ...SMALL, seed: 7 });
    expect(c.split.test).not.toEqual(a.split.test);
    expect(Buffer.from(c.onnx).equals(Buffer.from(a.onnx))).toBe(false);
  });

  it('never evaluates on a training article', () => {
    const { split } = small;
    expect(split.train.filter((n) => split.test.includes(n))).toEqual([]);
  });

  it('round-trips the labels: index i of the file is language i, then und', () => {
    const trained = small;
    expect(labelEncoder(trained.onnx)).toEqual({
      keys: [0, 1, 2, 3],
      values: ['de', 'en', 'zh', UNDETERMINED],
    });
    expect(trained.model.labels).toEqual(['de', 'en', 'zh']);
  });

  it('identifies the held-out texts of the small configuration', () => {
    const trained = small;
    const samples = [...trained.evaluation.long, ...trained.evaluation.short];
    const correct = samples.filter(
      (s) =>
        predictText(trained.model, trained.space, s.text, UNDETERMINED).label ===
        trained.model.labels[s.label],
    );
    expect(correct.length / samples.length).toBeGreaterThan(0.95);
  });

  it('reproduces the committed model byte for byte (rerun npm run models:langid if this fails)', () => {
    const trained = trainLangid();
    const committed = readFileSync(join(COMMITTED, '1', 'model.onnx'));
    expect(Buffer.from(trained.onnx).equals(committed)).toBe(true);
    expect(readFileSync(join(COMMITTED, 'labels.txt'), 'utf8')).toBe(
      `${trained.model.labels.join('\n')}\n`,
    );
    expect(labelEncoder(committed).values).toEqual([...LANGUAGES.map((l) => l.code), UNDETERMINED]);
  });
});
