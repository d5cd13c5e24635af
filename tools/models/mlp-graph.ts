import { GraphBuilder } from './onnx-builder';
import { ElemType } from './onnx-proto';

/** mulberry32: a tiny seeded PRNG, so the same seed always writes the same weights (and file). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A multi-layer perceptron with random (seeded, He-scaled) weights: float `input` [batch,
 * sizes[0]] → Dense+ReLU for each hidden size → Dense → Softmax `probabilities` [batch, last].
 * An MLP-shaped workload for benchmarks; it has learned nothing.
 */
export function mlpGraph(sizes: readonly number[], seed: number): Uint8Array {
  const random = seeded(seed);
  const g = new GraphBuilder('mlp').input('input', ElemType.FLOAT, ['batch', sizes[0]]);
  let x = 'input';
  for (let l = 1; l < sizes.length; l++) {
    const [n, m] = [sizes[l - 1], sizes[l]];
    const scale = Math.sqrt(6 / n);
    g.floats(
      `W${l}`,
      [n, m],
      Array.from({ length: n * m }, () => (random() * 2 - 1) * scale),
    );
    g.floats(
      `B${l}`,
      [m],
      Array.from({ length: m }, () => (random() * 2 - 1) * 0.1),
    );
    g.node('MatMul', [x, `W${l}`], [`mm${l}`]).node('Add', [`mm${l}`, `B${l}`], [`z${l}`]);
    const last = l === sizes.length - 1;
    if (!last) g.node('Relu', [`z${l}`], [`h${l}`]);
    x = last ? `z${l}` : `h${l}`;
  }
  return g
    .node('Softmax', [x], ['probabilities'], { axis: 1 })
    .output('probabilities', ElemType.FLOAT, ['batch', sizes[sizes.length - 1]])
    .build();
}
