/** A multinomial logistic regression fitted by full-batch gradient descent: deterministic, no seed needed. */
export interface LinearClassifier {
  /** weights[f][c], for raw (unscaled) features. */
  readonly weights: number[][];
  readonly bias: number[];
  readonly classes: string[];
  readonly trainAccuracy: number;
}

export function trainSoftmaxRegression(
  rows: number[][],
  labels: string[],
  { epochs = 3000, learningRate = 0.5, l2 = 1e-4 } = {},
): LinearClassifier {
  const classes = [...new Set(labels)].sort();
  const y = labels.map((l) => classes.indexOf(l));
  const f = rows[0].length;
  const k = classes.length;
  const mean = Array.from({ length: f }, (_, j) => avg(rows.map((r) => r[j])));
  const std = Array.from(
    { length: f },
    (_, j) => Math.sqrt(avg(rows.map((r) => (r[j] - mean[j]) ** 2))) || 1,
  );
  const x = rows.map((r) => r.map((v, j) => (v - mean[j]) / std[j]));
  const w = Array.from({ length: f }, () => new Array<number>(k).fill(0));
  const b = new Array<number>(k).fill(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw = Array.from({ length: f }, () => new Array<number>(k).fill(0));
    const gb = new Array<number>(k).fill(0);
    x.forEach((xi, i) => {
      const p = softmax(b.map((bc, c) => bc + xi.reduce((s, v, j) => s + v * w[j][c], 0)));
      p.forEach((pc, c) => {
        const err = pc - (y[i] === c ? 1 : 0);
        gb[c] += err;
        xi.forEach((v, j) => (gw[j][c] += err * v));
      });
    });
    for (let c = 0; c < k; c++) {
      b[c] -= (learningRate * gb[c]) / x.length;
      for (let j = 0; j < f; j++) w[j][c] -= learningRate * (gw[j][c] / x.length + l2 * w[j][c]);
    }
  }
  // Fold the standardization into the weights, so the graph takes raw measurements.
  const weights = w.map((row, j) => row.map((v) => v / std[j]));
  const bias = b.map((bc, c) => bc - mean.reduce((s, m, j) => s + (m * w[j][c]) / std[j], 0));
  const correct = rows.filter(
    (r, i) =>
      argmax(bias.map((bc, c) => bc + r.reduce((s, v, j) => s + v * weights[j][c], 0))) === y[i],
  );
  return { weights, bias, classes, trainAccuracy: correct.length / rows.length };
}

function avg(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / s);
}

function argmax(v: number[]): number {
  return v.indexOf(Math.max(...v));
}
