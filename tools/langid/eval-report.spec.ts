import { evalMarkdown, EvalFacts } from './eval-report';
import { evaluate } from './evaluate';

const perch = evaluate(['de', 'en'], {
  long: [{ expected: 'de', predicted: 'de' }],
  short: [
    { expected: 'en', predicted: 'en' },
    { expected: 'en', predicted: 'de' },
  ],
});

const facts: EvalFacts = {
  command: 'npm run models:langid -- --version 1',
  corpus: 'test corpus',
  heldOutArticles: [1],
  trainingArticles: [0, 2],
  temperature: 4,
  modelBytes: 6 * 1024 * 1024,
  columns: 10,
  poolSize: 20,
  trainingSize: [100, 200],
  perch,
  seedCheck: { texts: ['a', 'b', 'c'], labels: ['en', 'en', 'zh'] },
};

describe('evalMarkdown', () => {
  it('says which targets are met and which are not, with the figures', () => {
    const md = evalMarkdown(facts);
    expect(md).toContain('Written by `npm run models:langid -- --version 1`');
    expect(md).toContain('- ≥ 97% on sentences of ≥ 40 code points: 100.0%, met.');
    expect(md).toContain('- ≥ 90% on 15–39 code points: 50.0%, **not met**.');
    expect(md).toContain('- model.onnx < 5 MB: 6.00 MiB, **not met**.');
    expect(md).toContain('- Throughput: not measured in this run (`--no-bench`).');
    expect(md).toContain('| en | de | 1 |');
  });

  it('compares Perch with each franc row', () => {
    const md = evalMarkdown({
      ...facts,
      franc: [{ name: 'franc', report: perch }],
      throughput: {
        machine: 'test machine',
        rounds: 3,
        sentences: 3,
        franc: [
          { name: 'franc', perSecond: 1000 },
          { name: 'franc-30', perSecond: 4000 },
        ],
        graph: { name: 'graph', perSecond: 50000 },
        perch: { name: 'Perch', perSecond: 12000 },
      },
    });
    expect(md).toContain('- Perch over HTTP ≥ 10× franc: 12.0×, met.');
    expect(md).toContain('- Perch over HTTP ≥ 10× franc-30: 3.0×, **not met**.');
    expect(md).toContain('Why not: 10× needs 40000/s against franc-30.');
    expect(md).toContain('runs 50000/s on one thread');
    expect(md).toContain('| Perch | 12000 |');
    expect(md).toContain("franc's trigram profiles are built from the UDHR itself");
  });
});
