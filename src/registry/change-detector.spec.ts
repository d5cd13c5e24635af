import { ChangeDetector } from './change-detector';
import { fingerprintOf, ModelSource } from './model-source';

const model = (
  name: string,
  versions: [number, number, number][],
  configText?: string,
): ModelSource => ({
  name,
  configText,
  versions: versions.map(([version, size, mtimeMs]) => ({
    version,
    dir: `/r/${name}/${version}`,
    file: `/r/${name}/${version}/model.onnx`,
    size,
    mtimeMs,
  })),
});

describe('ChangeDetector', () => {
  let detector: ChangeDetector;
  beforeEach(() => {
    detector = new ChangeDetector();
    detector.baseline(new Map([['a', fingerprintOf(model('a', [[1, 10, 100]]))]]));
  });

  it('reports nothing while nothing changes', () => {
    expect(detector.observe([model('a', [[1, 10, 100]])])).toEqual({ reload: [], remove: [] });
  });

  it('acts on a new version only once its file has been stable for one poll', () => {
    const growing = (size: number, mtime: number) => [
      model('a', [
        [1, 10, 100],
        [2, size, mtime],
      ]),
    ];
    expect(detector.observe(growing(5, 200))).toEqual({ reload: [], remove: [] });
    expect(detector.observe(growing(9, 201))).toEqual({ reload: [], remove: [] });
    expect(detector.observe(growing(9, 201))).toEqual({ reload: ['a'], remove: [] });
    expect(detector.observe(growing(9, 201))).toEqual({ reload: [], remove: [] });
  });

  it('sees a rewritten model.onnx and a changed config.json', () => {
    const rewritten = [model('a', [[1, 10, 150]])];
    detector.observe(rewritten);
    expect(detector.observe(rewritten).reload).toEqual(['a']);
    const reconfigured = [model('a', [[1, 10, 150]], '{"max_batch_size": 4}')];
    detector.observe(reconfigured);
    expect(detector.observe(reconfigured).reload).toEqual(['a']);
  });

  it('picks up a new model directory and a removed version', () => {
    const both = [model('a', [[1, 10, 100]]), model('b', [[1, 1, 1]])];
    detector.observe(both);
    expect(detector.observe(both).reload).toEqual(['b']);
    const fewer = [model('a', []), model('b', [[1, 1, 1]])];
    detector.observe(fewer);
    expect(detector.observe(fewer).reload).toEqual(['a']);
  });

  it('removes a model only when its directory is gone on two polls in a row', () => {
    expect(detector.observe([])).toEqual({ reload: [], remove: [] });
    expect(detector.observe([])).toEqual({ reload: [], remove: ['a'] });
    expect(detector.observe([])).toEqual({ reload: [], remove: [] });
  });

  it('does not remove a model that vanished for a single poll', () => {
    detector.observe([]);
    expect(detector.observe([model('a', [[1, 10, 100]])])).toEqual({ reload: [], remove: [] });
  });

  it('reports a broken file once, not on every poll', () => {
    const broken = [model('a', [[1, 3, 300]])];
    detector.observe(broken);
    expect(detector.observe(broken).reload).toEqual(['a']);
    expect(detector.observe(broken).reload).toEqual([]);
    expect(detector.observe(broken).reload).toEqual([]);
  });
});
