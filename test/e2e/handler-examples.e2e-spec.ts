import { call, EXAMPLE_MODELS, startApp, TestApp } from '../helpers/test-app';

const SETOSA = { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 };
const VIRGINICA = { sepal_length: 6.7, sepal_width: 3.0, petal_length: 5.2, petal_width: 2.3 };
const FRENCH = 'Bonjour à tous, je voudrais réserver une table pour deux personnes ce soir.';
const GERMAN = 'Der schnelle braune Fuchs springt über den faulen Hund und läuft davon.';

interface Guess {
  language: string;
  confidence: number;
}

/** The bundled handler models, iris_records and langid_top3, over every REST protocol. */
describe('bundled handler models', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: EXAMPLE_MODELS });
  });
  afterAll(async () => {
    await app.close();
  });

  describe('iris_records: business records around the iris model', () => {
    it('answers /predict records with business fields', async () => {
      const res = await call(app, 'POST', '/predict/iris_records', [SETOSA]);
      expect(res.status).toBe(200);
      const [answer] = res.json<{ species: string; confidence: number }[]>();
      expect(answer.species).toBe('setosa');
      expect(answer.confidence).toBeGreaterThan(0.99);
      expect(answer.confidence).toBeLessThanOrEqual(1);
    });

    it('answers V1 instances with predictions, in order', async () => {
      const res = await call(app, 'POST', '/v1/models/iris_records:predict', {
        instances: [SETOSA, VIRGINICA, SETOSA],
      });
      expect(res.status).toBe(200);
      const { predictions } = res.json<{ predictions: { species: string }[] }>();
      expect(predictions.map((p) => p.species)).toEqual(['setosa', 'virginica', 'setosa']);
    });

    it('agrees with the iris model itself', async () => {
      const rows = [SETOSA, VIRGINICA];
      const records = await call(app, 'POST', '/predict/iris_records', rows);
      const tensors = await call(app, 'POST', '/v1/models/iris:predict', {
        instances: rows.map((r) => [r.sepal_length, r.sepal_width, r.petal_length, r.petal_width]),
      });
      const iris = tensors.json<{ predictions: { label: string; probabilities: number[] }[] }>();
      expect(records.json()).toEqual(
        iris.predictions.map((p) => ({
          species: p.label,
          confidence: Math.round(Math.max(...p.probabilities) * 1e4) / 1e4,
        })),
      );
    });

    it('answers V2 tensors with tensors, one input per field', async () => {
      const inputs = Object.entries(SETOSA).map(([name, value]) => ({
        name,
        datatype: 'FP32',
        shape: [1, 1],
        data: [value],
      }));
      const res = await call(app, 'POST', '/v2/models/iris_records/infer', { inputs });
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({
        model_name: 'iris_records',
        outputs: [
          { name: 'species', datatype: 'BYTES', shape: [1, 1], data: ['setosa'] },
          { name: 'confidence', datatype: 'FP32', shape: [1, 1] },
        ],
      });
    });

    it.each([
      [
        'a missing field',
        [SETOSA, { ...SETOSA, petal_width: undefined }],
        "record 1: field 'petal_width' is missing",
      ],
      [
        'a non-numeric field',
        [{ ...SETOSA, sepal_width: '3.5' }],
        `record 0: field 'sepal_width' must be a number, not "3.5"`,
      ],
      [
        'a record that is not an object',
        [[5.1, 3.5, 1.4, 0.2]],
        'record 0 must be an object with sepal_length, sepal_width, petal_length, petal_width',
      ],
    ])('answers %s with a 400 naming the field and the record', async (_case, rows, message) => {
      const res = await call(app, 'POST', '/predict/iris_records', rows);
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ error: `model 'iris_records' version 1: ${message}` });
    });

    it('declares its business fields as V2 metadata', async () => {
      const res = await call(app, 'GET', '/v2/models/iris_records');
      expect(res.json()).toMatchObject({
        inputs: [
          { name: 'sepal_length', datatype: 'FP32', shape: [-1, 1] },
          { name: 'sepal_width', datatype: 'FP32', shape: [-1, 1] },
          { name: 'petal_length', datatype: 'FP32', shape: [-1, 1] },
          { name: 'petal_width', datatype: 'FP32', shape: [-1, 1] },
        ],
        outputs: [
          { name: 'species', datatype: 'BYTES', shape: [-1, 1] },
          { name: 'confidence', datatype: 'FP32', shape: [-1, 1] },
        ],
      });
    });
  });

  describe('langid_top3: a handler calling the langid model by name', () => {
    const check = (answer: Guess & { alternatives: Guess[] }, language: string): void => {
      expect(answer.language).toBe(language);
      expect(answer.confidence).toBeGreaterThanOrEqual(0.5);
      expect(answer.alternatives).toHaveLength(2);
      for (const alt of answer.alternatives) {
        expect(alt.language).toMatch(/^[a-z]{2}$/);
        expect(alt.language).not.toBe(language);
        expect(alt.confidence).toBeLessThanOrEqual(answer.confidence);
      }
    };

    it('answers each /predict text with its language and two alternatives', async () => {
      const res = await call(app, 'POST', '/predict/langid_top3', [FRENCH, GERMAN]);
      expect(res.status).toBe(200);
      const [fr, de] = res.json<(Guess & { alternatives: Guess[] })[]>();
      check(fr, 'fr');
      check(de, 'de');
    });

    it('says "und" below parameters.min_confidence', async () => {
      const res = await call(app, 'POST', '/v1/models/langid_top3:predict', {
        instances: [{ text: 'qwx zzv' }],
      });
      expect(res.status).toBe(200);
      const [answer] = res.json<{ predictions: Guess[] }>().predictions;
      expect(answer.language).toBe('und');
      expect(answer.confidence).toBeLessThan(0.5);
    });

    it('answers V2 with the alternatives as JSON text', async () => {
      const res = await call(app, 'POST', '/v2/models/langid_top3/infer', {
        inputs: [{ name: 'text', datatype: 'BYTES', shape: [1, 1], data: [GERMAN] }],
      });
      expect(res.status).toBe(200);
      const outputs = res.json<{ outputs: { name: string; data: unknown[] }[] }>().outputs;
      expect(outputs.map((o) => o.name)).toEqual(['language', 'confidence', 'alternatives']);
      expect(outputs[0].data).toEqual(['de']);
      expect(JSON.parse(outputs[2].data[0] as string)).toHaveLength(2);
    });

    it("answers a record the handler cannot read with the handler's 400", async () => {
      const res = await call(app, 'POST', '/predict/langid_top3', [{ txt: 'hello' }]);
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({
        error: `model 'langid_top3' version 1: record 0 must be a text or {"text": "..."}`,
      });
    });

    it("counts its calls to langid under the protocol 'bls' in the metrics", async () => {
      const metrics = await call(app, 'GET', '/metrics');
      expect(metrics.text).toMatch(
        /perch_inference_requests_total\{[^}]*model="langid"[^}]*protocol="bls"/,
      );
    });
  });
});
