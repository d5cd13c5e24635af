import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GrpcApp, GrpcTestClient, startGrpcApp } from './grpc-client';
import { EXAMPLE_MODELS, FIXTURE_MODELS } from './test-app';

/** MAX_REQUEST_BYTES of the gRPC specs' servers, so the limit is cheap to pass. */
export const GRPC_LIMIT = 1024 * 1024;
export const SERVICE = 'inference.GRPCInferenceService';

export const ones = (n: number, v = 1): number[] => new Array<number>(n).fill(v);
export const range16 = Array.from({ length: 16 }, (_, i) => i);
export const int32Raw = (values: number[]): Buffer => Buffer.from(Int32Array.from(values).buffer);

/** A ModelInferRequest for `simple` ([1,16] INT32 twice) in typed contents. */
export const simpleTyped = (a: number[], b: number[], over: object = {}) => ({
  model_name: 'simple',
  inputs: [
    { name: 'INPUT0', datatype: 'INT32', shape: [1, 16], contents: { int_contents: a } },
    { name: 'INPUT1', datatype: 'INT32', shape: [1, 16], contents: { int_contents: b } },
  ],
  ...over,
});

/** The same for `simple` as REST V2 JSON. */
export const simpleJson = (a: number[], b: number[], over: object = {}) => ({
  inputs: [
    { name: 'INPUT0', datatype: 'INT32', shape: [1, 16], data: a },
    { name: 'INPUT1', datatype: 'INT32', shape: [1, 16], data: b },
  ],
  ...over,
});

/** What a spec's hooks started: read it inside tests (it is set in beforeAll). */
export interface GrpcServerUnderTest {
  server: GrpcApp;
  client: GrpcTestClient;
}

/**
 * Registers beforeAll/afterAll that start Perch with gRPC on a repository of working models
 * (simple, versioned, identity_all with every datatype, identity_typed with all but FP16, iris,
 * tiny_queue holding a request 200 ms with a queue of 1) and a corrupt one, MAX_REQUEST_BYTES
 * 1 MiB, plus a client; the server must exit 0 on SIGTERM.
 */
export function useGrpcServer(env: Record<string, string> = {}): GrpcServerUnderTest {
  const under = {} as GrpcServerUnderTest;
  let repo: string;
  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'perch-grpc-'));
    for (const name of [
      'simple',
      'versioned',
      'identity_all',
      'identity_typed',
      'corrupt',
      'tiny_queue',
    ])
      cpSync(join(FIXTURE_MODELS, name), join(repo, name), { recursive: true });
    cpSync(join(EXAMPLE_MODELS, 'iris'), join(repo, 'iris'), { recursive: true });
    under.server = await startGrpcApp({
      MODEL_REPOSITORY: repo,
      MAX_REQUEST_BYTES: String(GRPC_LIMIT),
      ...env,
    });
    under.client = new GrpcTestClient(under.server.target);
  });
  afterAll(async () => {
    under.client?.close();
    expect(await under.server?.app.close()).toBe(0);
    rmSync(repo, { recursive: true, force: true });
  });
  return under;
}
