// The cache bench's in-process half: InferenceService.infer() of the built server (dist/), no
// HTTP, so the cache's effect is measured apart from the HTTP stack's fixed cost per request.
// Run as a child process per backend (the configuration is read once per process); the backend
// comes from CACHE_BACKEND, and the result is printed as one JSON line: { mixed, hits }.
import { join } from 'node:path';
import { drive, Row, Run, workload } from './cache-workload';

interface InferenceLike {
  infer(
    model: string,
    version: undefined,
    request: { inputs: { name: string; datatype: string; shape: number[]; data: Float32Array }[] },
  ): Promise<{ cache?: string }>;
}
interface AppLike {
  init(): Promise<unknown>;
  get(token: unknown): unknown;
  close(): Promise<void>;
}

/** A module of the built server; typed loosely here, bench code only touches what it names. */
const dist = (path: string): Promise<Record<string, unknown>> =>
  import(join(__dirname, '..', 'dist', path)) as Promise<Record<string, unknown>>;

async function main(): Promise<void> {
  const createApp = (await dist('http/create-app')).createApp as () => Promise<AppLike>;
  const app = await createApp();
  await app.init();
  const { ModelRegistryService } = await dist('registry/model-registry.service');
  const { InferenceService } = await dist('inference/inference.service');
  const registry = app.get(ModelRegistryService) as {
    whenLoaded(): Promise<void>;
  };
  await registry.whenLoaded();
  const inference = app.get(InferenceService) as InferenceLike;
  // A fresh tensor per call: the session takes ownership of (detaches) input buffers.
  const infer = async (row: Row): Promise<boolean> => {
    const input = { name: 'input', datatype: 'FP32', shape: [1, 64], data: Float32Array.from(row) };
    return (await inference.infer('mlp', undefined, { inputs: [input] })).cache === 'HIT';
  };
  const { mixed, hitsOnly, warmup } = workload();
  await drive(warmup, infer);
  const result: { mixed: Run; hits: Run } = {
    mixed: await drive(mixed, infer),
    hits: await drive(hitsOnly, infer),
  };
  await app.close();
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
