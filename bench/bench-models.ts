import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DenseLayer,
  MLP,
  MLP_LARGE,
  MlpSpec,
  mlpConfig,
  mlpGraph,
  mlpLayers,
} from '../tools/models/mlp-model';
import { tensorSumGraph } from '../tools/models/model-graphs';
import { encodeNpy } from '../tools/models/npy';
import { tensorConfig, writeConfig, writeModel } from '../tools/models/repository-writer';
import { WORK_DIR } from './settings';

/**
 * ONNX Runtime's own threading defaults (two intra-op threads per session, spinning after each
 * run), for the `threading` group: the same MLPs under `<name>_ort` with these parameters.
 */
export const ORT_DEFAULT_THREADING = { intra_op_thread_count: '2', allow_spinning: 'true' };

/** Elements of the big-payload tensor: 1M FP32 values = 4 MiB. */
export const TENSOR_ELEMENTS = 1 << 20;

export type MlpName = 'mlp' | 'mlp_large';

/** The bench's own model repository and the weights exported for the Python peer. */
export interface BenchModels {
  /** MODEL_REPOSITORY for Perch and the node:http baseline: mlp, mlp_large (and `_ort` twins), tensor_sum. */
  readonly repository: string;
  /** `<model>/W1.npy, B1.npy, …` (weights [in, out], biases [out]) for the scikit-learn pickle. */
  readonly weightsDir: string;
  readonly layers: Readonly<Record<MlpName, readonly DenseLayer[]>>;
}

const SPECS: Record<MlpName, MlpSpec> = { mlp: MLP, mlp_large: MLP_LARGE };

/**
 * Writes bench/.models/ afresh from the models tool: the same seeded weights as the committed
 * models/mlp, mlp_large (generated here, never committed), and tensor_sum for the 4 MB payloads.
 */
export function prepareModels(): BenchModels {
  const repository = join(WORK_DIR, 'repository');
  const weightsDir = join(WORK_DIR, 'weights');
  rmSync(repository, { recursive: true, force: true });
  rmSync(weightsDir, { recursive: true, force: true });
  const layers = { mlp: mlpLayers(MLP), mlp_large: mlpLayers(MLP_LARGE) };
  for (const name of ['mlp', 'mlp_large'] as const) {
    const spec = SPECS[name];
    // Default config.json: a batching model gets dynamic batching with no delay (Triton's rule).
    const graph = mlpGraph(spec, layers[name]);
    writeModel(repository, name, 1, graph);
    writeConfig(repository, name, mlpConfig(spec));
    writeModel(repository, `${name}_ort`, 1, graph);
    writeConfig(repository, `${name}_ort`, {
      ...mlpConfig(spec),
      name: `${name}_ort`,
      parameters: ORT_DEFAULT_THREADING,
    });
    const dir = join(weightsDir, name);
    mkdirSync(dir, { recursive: true });
    layers[name].forEach((layer, i) => {
      writeFileSync(
        join(dir, `W${i + 1}.npy`),
        encodeNpy(layer.weights, [layer.inputs, layer.outputs]),
      );
      writeFileSync(join(dir, `B${i + 1}.npy`), encodeNpy(layer.bias, [layer.outputs]));
    });
  }
  writeModel(repository, 'tensor_sum', 1, tensorSumGraph(TENSOR_ELEMENTS));
  writeConfig(repository, 'tensor_sum', {
    name: 'tensor_sum',
    platform: 'onnxruntime_onnx',
    max_batch_size: 0,
    input: [tensorConfig('x', 'TYPE_FP32', [TENSOR_ELEMENTS])],
    output: [tensorConfig('sum', 'TYPE_FP32', [1])],
  });
  return { repository, weightsDir, layers };
}
