import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { grpc, GrpcApp, GrpcTestClient, metadata, startGrpcApp } from '../helpers/grpc-client';
import { ones, simpleTyped } from '../helpers/grpc-fixtures';
import { frame, rawGrpcCall } from '../helpers/raw-grpc';
import { FIXTURE_MODELS } from '../helpers/test-app';

const KEY = 'grpc-inference-key-0123456789';
const ADMIN = 'grpc-admin-token-0123456789';
const bearer = (token: string) => metadata({ authorization: `Bearer ${token}` });

/** Keys, ADMIN_TOKEN, the repository API and the rate limit over gRPC: the rules REST applies. */
describe('gRPC: keys, admin token, repository RPCs, rate limit', () => {
  let server: GrpcApp;
  let client: GrpcTestClient;
  let repo: string;
  beforeAll(async () => {
    // Uploads write into the repository: a copy, never the fixtures.
    repo = mkdtempSync(join(tmpdir(), 'perch-grpc-admin-'));
    for (const name of ['simple', 'versioned', 'identity_typed'])
      cpSync(join(FIXTURE_MODELS, name), join(repo, name), { recursive: true });
    server = await startGrpcApp({
      MODEL_REPOSITORY: repo,
      MODEL_CONTROL_MODE: 'explicit',
      STARTUP_MODELS: 'simple,versioned',
      API_KEYS: KEY,
      ADMIN_TOKEN: ADMIN,
      RATE_LIMIT_RPS: '5',
    });
    client = new GrpcTestClient(server.target);
  });
  afterAll(async () => {
    client.close();
    expect(await server.app.close()).toBe(0);
    rmSync(repo, { recursive: true, force: true });
  });

  it.each([
    [
      'no key',
      metadata(),
      'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>',
    ],
    ['a wrong key', bearer('nope'), 'the API key is not valid'],
    ['the admin token as a key', metadata({ 'x-api-key': ADMIN }), 'the API key is not valid'],
  ])('refuses %s with UNAUTHENTICATED and www-authenticate', async (_case, md, message) => {
    const res = await client.call('ModelInfer', simpleTyped(ones(16), ones(16)), md);
    expect(res).toMatchObject({ ok: false, code: grpc.status.UNAUTHENTICATED, details: message });
    expect(!res.ok && res.trailers.get('www-authenticate')).toEqual(['Bearer']);
  });

  it('refuses a call on its metadata: a bomb without a key is UNAUTHENTICATED, not inflated', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const reply = await rawGrpcCall(
      server.target,
      '/inference.GRPCInferenceService/ModelInfer',
      frame(bomb, true),
      { 'grpc-encoding': 'gzip' },
    );
    expect(reply.trailers['grpc-status']).toBe(String(grpc.status.UNAUTHENTICATED));
  });

  it.each([
    ['authorization: Bearer', bearer(KEY)],
    ['x-api-key', metadata({ 'x-api-key': KEY })],
  ])('serves a key given as %s', async (_case, md) => {
    expect(await client.call('ModelInfer', simpleTyped(ones(16), ones(16)), md)).toMatchObject({
      ok: true,
      value: { model_name: 'simple' },
    });
    expect(await client.call('ServerMetadata', {}, md)).toMatchObject({ ok: true });
  });

  it('leaves the probes open, and a model’s health behind the key', async () => {
    expect(await client.call('ServerLive', {})).toMatchObject({ ok: true });
    expect(await client.call('ServerReady', {})).toMatchObject({
      ok: true,
      value: { ready: true },
    });
    const health = { service: 'health' as const };
    expect(await client.call('Check', { service: '' }, metadata(), health)).toMatchObject({
      ok: true,
      value: { status: 'SERVING' },
    });
    expect(await client.call('Check', { service: 'simple' }, metadata(), health)).toMatchObject({
      ok: false,
      code: grpc.status.UNAUTHENTICATED,
    });
    expect(await client.call('Check', { service: 'simple' }, bearer(KEY), health)).toMatchObject({
      ok: true,
      value: { status: 'SERVING' },
    });
    expect(await client.call('ModelReady', { name: 'simple' })).toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
    });
  });

  it.each([
    [
      'no token',
      metadata(),
      grpc.status.UNAUTHENTICATED,
      'the repository API requires Authorization: Bearer <ADMIN_TOKEN>',
    ],
    [
      'an inference key',
      bearer(KEY),
      grpc.status.PERMISSION_DENIED,
      'the admin token is not valid',
    ],
    [
      'a wrong token',
      bearer('wrong-admin-token'),
      grpc.status.PERMISSION_DENIED,
      'the admin token is not valid',
    ],
  ])('refuses the repository RPCs to %s', async (_case, md, code, message) => {
    for (const [method, request] of [
      ['RepositoryIndex', {}],
      ['RepositoryModelLoad', { model_name: 'identity_typed' }],
      ['RepositoryModelUnload', { model_name: 'simple' }],
    ] as const) {
      expect(await client.call(method, request, md)).toMatchObject({
        ok: false,
        code,
        details: message,
      });
    }
  });

  it('indexes, loads and unloads models with ADMIN_TOKEN', async () => {
    const admin = bearer(ADMIN);
    const index = await client.call<{
      models: { name: string; version: string; state: string; reason: string }[];
    }>('RepositoryIndex', {}, admin);
    expect(index.ok && index.value.models).toEqual(
      expect.arrayContaining([
        { name: 'simple', version: '1', state: 'READY', reason: '' },
        { name: 'identity_typed', version: '', state: 'UNAVAILABLE', reason: 'unloaded' },
      ]),
    );
    const ready = await client.call<{ models: { name: string }[] }>(
      'RepositoryIndex',
      { ready: true },
      admin,
    );
    expect(ready.ok && ready.value.models.map((m) => m.name).sort()).toEqual([
      'simple',
      'versioned',
      'versioned',
    ]);
    expect(
      await client.call('RepositoryModelLoad', { model_name: 'identity_typed' }, admin),
    ).toMatchObject({ ok: true });
    expect(await client.call('ModelReady', { name: 'identity_typed' }, bearer(KEY))).toMatchObject({
      value: { ready: true },
    });
    expect(
      await client.call(
        'RepositoryModelUnload',
        { model_name: 'identity_typed', parameters: { unload_dependents: { bool_param: false } } },
        admin,
      ),
    ).toMatchObject({ ok: true });
    expect(await client.call('ModelReady', { name: 'identity_typed' }, bearer(KEY))).toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: "unknown model 'identity_typed'",
    });
    expect(
      await client.call('RepositoryModelLoad', { model_name: 'no_such_model' }, admin),
    ).toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: "model 'no_such_model' is not in the model repository",
    });
    expect(
      await client.call('RepositoryModelUnload', { model_name: 'identity_typed' }, admin),
    ).toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: "model 'identity_typed' is not loaded",
    });
  });

  it('uploads a model file as raw bytes with its config (REST carries the file in base64)', async () => {
    const onnx = readFileSync(join(FIXTURE_MODELS, 'versioned', '3', 'model.onnx'));
    const res = await client.call(
      'RepositoryModelLoad',
      {
        model_name: 'uploaded',
        parameters: {
          config: { string_param: JSON.stringify({ name: 'uploaded' }) },
          'file:1/model.onnx': { bytes_param: onnx },
        },
      },
      bearer(ADMIN),
    );
    expect(res).toMatchObject({ ok: true });
    expect(readFileSync(join(repo, 'uploaded', '1', 'model.onnx'))).toEqual(onnx);
    const infer = await client.call(
      'ModelInfer',
      {
        model_name: 'uploaded',
        inputs: [{ name: 'x', datatype: 'FP32', shape: [1], contents: { fp32_contents: [10] } }],
      },
      bearer(KEY),
    );
    expect(infer).toMatchObject({
      ok: true,
      value: { outputs: [{ contents: { fp32_contents: [13] } }] },
    });
  });

  it('loads with a config given as a parameter, as REST does', async () => {
    const res = await client.call(
      'RepositoryModelLoad',
      {
        model_name: 'versioned',
        parameters: {
          config: {
            string_param: JSON.stringify({ version_policy: { specific: { versions: [2] } } }),
          },
        },
      },
      bearer(ADMIN),
    );
    expect(res).toMatchObject({ ok: true });
    expect(await client.call('ModelMetadata', { name: 'versioned' }, bearer(KEY))).toMatchObject({
      value: { versions: ['2'] },
    });
  });

  it('limits each client to RATE_LIMIT_RPS with RESOURCE_EXHAUSTED and retry-after, never the probes', async () => {
    const codes: number[] = [];
    let retryAfter: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await client.call('ModelConfig', { name: 'simple' }, bearer(KEY));
      codes.push(res.ok ? 0 : res.code);
      if (!res.ok) {
        expect(res.details).toBe(
          'rate limit exceeded: at most 5 requests per second per client (RATE_LIMIT_RPS)',
        );
        retryAfter = res.trailers.get('retry-after') as string[];
      }
    }
    expect(codes.filter((c) => c === 0).length).toBe(5);
    expect(codes.filter((c) => c === grpc.status.RESOURCE_EXHAUSTED).length).toBe(3);
    expect(Number(retryAfter[0])).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 10; i++)
      expect(await client.call('ServerLive', {})).toMatchObject({ ok: true });
  });
});

describe('gRPC: failed authentications per address', () => {
  let server: GrpcApp;
  let client: GrpcTestClient;
  beforeAll(async () => {
    server = await startGrpcApp({
      MODEL_REPOSITORY: FIXTURE_MODELS,
      API_KEYS: KEY,
      AUTH_FAILURES_PER_MINUTE: '3',
    });
    client = new GrpcTestClient(server.target);
  });
  afterAll(async () => {
    client.close();
    expect(await server.app.close()).toBe(0);
  });

  it('answers RESOURCE_EXHAUSTED past AUTH_FAILURES_PER_MINUTE, and still serves valid keys', async () => {
    for (let i = 0; i < 3; i++)
      expect(await client.call('ServerMetadata', {}, bearer('guess'))).toMatchObject({
        code: grpc.status.UNAUTHENTICATED,
      });
    const blocked = await client.call('ServerMetadata', {}, bearer('guess'));
    expect(blocked).toMatchObject({
      ok: false,
      code: grpc.status.RESOURCE_EXHAUSTED,
      details:
        'too many failed authentications from this address: at most 3 a minute (AUTH_FAILURES_PER_MINUTE)',
    });
    expect(Number(!blocked.ok && blocked.trailers.get('retry-after')[0])).toBeGreaterThanOrEqual(1);
    expect(await client.call('ServerMetadata', {}, bearer(KEY))).toMatchObject({ ok: true });
  });
});
