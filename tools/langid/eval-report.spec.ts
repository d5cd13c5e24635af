import { evalMarkdown, EvalFacts, SourceResult } from './eval-report';
import { SOFTWARE_SOURCE } from './eval-sources';
import { evaluate } from './evaluate';
import { EvaluationSet } from './held-out';

const SET: EvaluationSet = {
  long: [{ label: 0, text: 'a' }],
  short: [
    { label: 1, text: 'b' },
    { label: 1, text: 'c' },
  ],
  tiny: [{ label: 1, text: 'd' }],
};
const report = (answers: string[]) => evaluate(['de', 'en'], SET, answers, 'und');
const result = (source: string, perch: string[], eld: string[]): SourceResult => ({
  source,
  perch: report(perch),
  others: [{ name: 'eld', report: report(eld) }],
});

const facts: EvalFacts = {
  command: 'npm run models:langid -- --version 2',
  packages: ['fortunes-de 1.0'],
  model: {
    columns: [{ family: 'words', columns: 10 }],
    familyFactors: [0.1],
    smoothing: 0.01,
    englishShare: 0.1,
    scriptPenalty: 1.5,
    abstainThreshold: 0.4,
    bytes: 11 * 1024 * 1024,
  },
  results: [
    result('UDHR', ['de', 'en', 'en', 'und'], ['de', 'de', 'de', 'de']),
    result('fortunes', ['de', 'en', 'en', 'en'], ['de', 'en', 'de', 'en']),
    result(SOFTWARE_SOURCE, ['de', 'en', 'und', 'en'], ['de', 'en', 'en', 'en']),
  ],
  seedCheck: { texts: ['a', 'b', 'c'], labels: ['en', 'en', 'zh'] },
  everyday: [{ text: 'ok', label: 'und' }],
};

describe('evalMarkdown', () => {
  const md = evalMarkdown(facts);

  it('tabulates each source, long / short, next to the other identifiers', () => {
    expect(md).toContain('Written by `npm run models:langid -- --version 2`');
    expect(md).toContain('| fortunes | 1 / 2 | 100.0% / 100.0% | 0.0% / 0.0% | 100.0% / 50.0% |');
    expect(md).toContain('| UDHR | 1 | 0.0% | 100.0% | 0.0% |');
    expect(md).toContain('- "ok" → `und`');
  });

  it('checks the targets against eld on every source but the UDHR', () => {
    expect(md).not.toContain('Better than eld on UDHR');
    expect(md).toContain(
      '- Better than eld on fortunes, both bands: 100.0% / 100.0% against 100.0% / 50.0%, **not met**.',
    );
    expect(md).toContain(
      `- Better than eld on ${SOFTWARE_SOURCE}, both bands: 100.0% / 50.0% against 100.0% / 100.0%, **not met**.`,
    );
    expect(md).toContain('- model.onnx < 10 MB: 11.00 MiB, **not met**.');
    expect(md).toContain('["en","en","zh"], met.');
    expect(md).toContain('- Throughput: not measured in this run (`--no-bench`).');
  });

  it('reports throughput against the 10,000 texts/s target', () => {
    const withRates = evalMarkdown({
      ...facts,
      throughput: {
        machine: 'test machine',
        rounds: 3,
        texts: 4,
        rows: [{ name: 'eld', perSecond: 50000 }],
        perch: { name: 'Perch', perSecond: 12000 },
      },
    });
    expect(withRates).toContain('≥ 10000 texts/s: 12000/s, met.');
    expect(withRates).toContain('| eld | 50000 |');
  });
});
