import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MLP, MLP_LARGE, mlpConfig, mlpForward, mlpGraph, mlpLayers } from './mlp-model';
import { encodeNpy } from './npy';
import { mulberry32 } from './seeded-random';

const MODELS = join(__dirname, '..', '..', 'models');

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(mulberry32(43)()).not.toBe(values[0]);
  });
});

describe('MLP benchmark models', () => {
  it('regenerates the committed models/mlp byte for byte', () => {
    const committed = readFileSync(join(MODELS, 'mlp', '1', 'model.onnx'));
    expect(Buffer.from(mlpGraph(MLP, mlpLayers(MLP))).equals(committed)).toBe(true);
    const config: unknown = JSON.parse(readFileSync(join(MODELS, 'mlp', 'config.json'), 'utf8'));
    expect(config).toEqual(mlpConfig(MLP));
  });

  it.each([
    [MLP, [64, 256, 256, 10]],
    [MLP_LARGE, [512, 1024, 1024, 10]],
  ])('%s has the layer sizes of the issue', (spec, sizes) => {
    const layers = mlpLayers(spec);
    expect([layers[0].inputs, ...layers.map((l) => l.outputs)]).toEqual(sizes);
    layers.forEach((l) => expect(l.weights).toHaveLength(l.inputs * l.outputs));
  });

  it('answers softmax probabilities', () => {
    const p = mlpForward(mlpLayers(MLP), new Float32Array(64).fill(0.5));
    expect(p).toHaveLength(10);
    expect(p.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 10);
  });

  it('writes dynamic_batching only when asked', () => {
    const batching = { max_queue_delay_microseconds: 2000, preferred_batch_size: [16, 32, 64] };
    expect(mlpConfig(MLP_LARGE)).not.toHaveProperty('dynamic_batching');
    expect(mlpConfig(MLP_LARGE, batching)).toMatchObject({ dynamic_batching: batching });
  });
});

describe('encodeNpy', () => {
  it.each([
    [[3], '(3,)'],
    [[2, 3], '(2, 3)'],
  ])('shape %j: 64-byte aligned header, then the raw float32 data', (shape, tuple) => {
    const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i);
    const npy = encodeNpy(data, shape);
    const headerLength = npy.readUInt16LE(8);
    const header = npy.subarray(10, 10 + headerLength).toString('latin1');
    expect(npy.subarray(0, 8).toString('latin1')).toBe('\x93NUMPY\x01\x00');
    expect((10 + headerLength) % 64).toBe(0);
    expect(header).toContain(`'shape': ${tuple}`);
    expect(header.endsWith('\n')).toBe(true);
    const raw = new Uint8Array(npy.subarray(10 + headerLength));
    expect(new Float32Array(raw.buffer)).toEqual(data);
  });

  it('refuses a shape that does not match the data', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow('needs 6 values');
  });
});
