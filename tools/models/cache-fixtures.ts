import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mlpGraph } from './mlp-graph';
import { addConstantGraph, simpleGraph, simpleStringGraph } from './model-graphs';

function write(
  repo: string,
  name: string,
  versions: Record<number, Uint8Array>,
  config: object,
): void {
  for (const [version, bytes] of Object.entries(versions)) {
    mkdirSync(join(repo, name, version), { recursive: true });
    writeFileSync(join(repo, name, version, 'model.onnx'), bytes);
  }
  writeFileSync(join(repo, name, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

const simple = (dataType: string): object => ({
  max_batch_size: 8,
  input: ['INPUT0', 'INPUT1'].map((name) => ({ name, data_type: dataType, dims: [16] })),
});

const CACHE_ON = { response_cache: { enable: true } };

/**
 * The response cache's test repository (test/fixtures/cache-models/): cache-enabled models
 * beside one that is not, all of which load, so the server is ready.
 */
export function buildCacheFixtures(repo: string): void {
  // Behind a dynamic batcher: the cache answers in front of it.
  write(
    repo,
    'cached',
    { 1: simpleGraph() },
    {
      ...simple('TYPE_INT32'),
      ...CACHE_ON,
      dynamic_batching: { max_queue_delay_microseconds: 1000 },
    },
  );
  write(
    repo,
    'cached_strings',
    { 1: simpleStringGraph() },
    { ...simple('TYPE_STRING'), ...CACHE_ON },
  );
  write(
    repo,
    'short_ttl',
    { 1: simpleGraph() },
    {
      ...simple('TYPE_INT32'),
      ...CACHE_ON,
      parameters: { cache_ttl_seconds: { string_value: '1' } },
    },
  );
  write(repo, 'uncached', { 1: simpleGraph() }, simple('TYPE_INT32'));
  // Both versions served; each adds its own number, so an answer shows which version made it.
  write(
    repo,
    'cached_versioned',
    { 1: addConstantGraph(1), 2: addConstantGraph(2) },
    {
      ...CACHE_ON,
      version_policy: { all: {} },
    },
  );
}

/**
 * The benchmark's model (bench/models/): a seeded 64→256→256→10 MLP with the cache enabled and
 * one ONNX Runtime thread, the sensible setting for a small model on a small machine, so the
 * uncached baseline is not slowed by thread-pool spinning.
 */
export function buildBenchModels(repo: string): void {
  write(
    repo,
    'mlp',
    { 1: mlpGraph([64, 256, 256, 10], 8) },
    {
      max_batch_size: 64,
      ...CACHE_ON,
      parameters: { intra_op_thread_count: { string_value: '1' } },
    },
  );
}
