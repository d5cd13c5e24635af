import { gzipSync } from 'node:zlib';
import { expectV2 } from './answer-checks';
import { SoakCase, SoakRequest, binary, get, int, pick, post } from './soak-case';
import { expectField, expectJson, expectLabels, expectV1Labels } from './soak-checks';

/** Rows the example iris model classifies with certainty (test/fixtures/requests/iris.predict.json). */
const IRIS: readonly (readonly [readonly number[], string])[] = [
  [[5.1, 3.5, 1.4, 0.2], 'setosa'],
  [[6.2, 2.9, 4.3, 1.3], 'versicolor'],
  [[7.7, 3.0, 6.1, 2.3], 'virginica'],
];

/** Sentences the example langid model labels as shown (the e2e tests use most of them). */
const TEXTS: readonly (readonly [string, string])[] = [
  ['Test this language', 'en'],
  ['Where is the train station?', 'en'],
  ['Jeder Mensch hat das Recht auf Bildung.', 'de'],
  ['Jeder hat das Recht auf Leben, Freiheit und Sicherheit der Person.', 'de'],
  ['Ceci est une phrase en français.', 'fr'],
  ['Todo individuo tiene derecho a la vida.', 'es'],
  ['Ogni individuo ha diritto alla vita.', 'it'],
  ['慢走。', 'zh'],
];

const IRIS_INPUT = { name: 'input', datatype: 'FP32', shape: [-1, 4] };

const SIMPLE = '/v2/models/simple/infer';

/** 1 to 8 rows drawn from a table of inputs and their labels, split into the two. */
function labelled<T>(
  random: () => number,
  table: readonly (readonly [T, string])[],
): { inputs: T[]; labels: string[] } {
  const rows = pick(random, table, int(random, 1, 8));
  return { inputs: rows.map(([input]) => input), labels: rows.map(([, label]) => label) };
}

/** The example `simple` model (OUTPUT0 = INPUT0 + INPUT1) on 1 to 8 random INT32 rows of 16. */
function simpleRows(random: () => number): { a: Int32Array; b: Int32Array; rows: number } {
  const rows = int(random, 1, 8);
  const draw = (): Int32Array =>
    Int32Array.from({ length: rows * 16 }, () => int(random, -100_000, 100_000));
  return { a: draw(), b: draw(), rows };
}

function simpleJson(random: () => number): SoakRequest {
  const { a, b, rows } = simpleRows(random);
  const input = (name: string, data: Int32Array): object => ({
    name,
    shape: [rows, 16],
    datatype: 'INT32',
    data: Array.from(data),
  });
  const sum = Array.from(a, (v, i) => v + b[i]);
  return post(SIMPLE, { inputs: [input('INPUT0', a), input('INPUT1', b)] }, expectV2(sum, false));
}

/** The ~70% of the mix that must answer 200 with the right result. Weights add up to 70. */
export const VALID_CASES: readonly SoakCase[] = [
  { name: 'V2 JSON simple', valid: true, weight: 14, make: simpleJson },
  {
    name: 'V2 binary simple',
    valid: true,
    weight: 8,
    make: (random) => {
      const { a, b, rows } = simpleRows(random);
      const input = (name: string): object => ({
        name,
        shape: [rows, 16],
        datatype: 'INT32',
        parameters: { binary_data_size: a.byteLength },
      });
      const header = {
        inputs: [input('INPUT0'), input('INPUT1')],
        parameters: { binary_data_output: true },
      };
      const raw = Buffer.concat([Buffer.from(a.buffer), Buffer.from(b.buffer)]);
      return binary(
        SIMPLE,
        header,
        raw,
        expectV2(
          Array.from(a, (v, i) => v + b[i]),
          true,
        ),
      );
    },
  },
  {
    name: 'V2 JSON simple, gzip',
    valid: true,
    weight: 6,
    make: (random) => {
      const plain = simpleJson(random);
      const headers = { ...plain.headers, 'content-encoding': 'gzip' };
      return { ...plain, headers, body: gzipSync(plain.body ?? Buffer.alloc(0)) };
    },
  },
  {
    name: 'V2 JSON iris',
    valid: true,
    weight: 10,
    make: (random) => {
      const { inputs, labels } = labelled(random, IRIS);
      const input = { name: 'input', shape: [inputs.length, 4], datatype: 'FP32', data: inputs };
      const body = { inputs: [input], outputs: [{ name: 'label' }] };
      return post('/v2/models/iris/infer', body, expectLabels(labels));
    },
  },
  {
    name: 'V2 JSON langid',
    valid: true,
    weight: 8,
    make: (random) => {
      const { inputs, labels } = labelled(random, TEXTS);
      const input = { name: 'text', shape: [inputs.length], datatype: 'BYTES', data: inputs };
      return post('/v2/models/langid/infer', { inputs: [input] }, expectLabels(labels));
    },
  },
  {
    name: 'V1 predict iris',
    valid: true,
    weight: 6,
    make: (random) => {
      const { inputs, labels } = labelled(random, IRIS);
      return post('/v1/models/iris:predict', { instances: inputs }, expectV1Labels(labels));
    },
  },
  {
    name: '/predict langid',
    valid: true,
    weight: 6,
    make: (random) => {
      const { inputs, labels } = labelled(random, TEXTS);
      return post('/predict', inputs, expectJson(labels));
    },
  },
  {
    name: 'metadata',
    valid: true,
    weight: 6,
    make: (random) =>
      pick(random, [
        get('/v2', expectField('name', 'perch')),
        get('/v2/models/iris', expectField('inputs', [IRIS_INPUT])),
        get('/v2/models/simple/ready', expectJson({ name: 'simple', ready: true })),
        get('/v1/models/iris', expectJson({ name: 'iris', ready: true })),
      ])[0],
  },
  {
    name: 'health',
    valid: true,
    weight: 6,
    make: (random) =>
      pick(random, [
        get('/v2/health/live', expectJson({ live: true })),
        get('/v2/health/ready', expectJson({ ready: true })),
        get('/health/live', expectField('status', 'ok')),
        get('/health/ready', expectField('status', 'ok')),
      ])[0],
  },
];
