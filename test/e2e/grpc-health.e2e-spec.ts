import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  grpc,
  GrpcApp,
  GrpcTestClient,
  InferAnswer,
  metadata,
  startGrpcApp,
  StreamAnswer,
  streamStatus,
} from '../helpers/grpc-client';
import { ones, simpleTyped } from '../helpers/grpc-fixtures';
import { FIXTURE_MODELS } from '../helpers/test-app';

const ADMIN = metadata({ authorization: 'Bearer grpc-health-admin-token-0123' });
const HEALTH = { service: 'health' as const };

/** Statuses a Watch call has sent so far, and a wait for the next one to arrive. */
function watching(client: GrpcTestClient, service: string) {
  const call = client.watch(service);
  const seen: string[] = [];
  const waiters: (() => void)[] = [];
  call.on('data', (m: { status: string }) => {
    seen.push(m.status);
    waiters.splice(0).forEach((w) => w());
  });
  const ended = streamStatus(call);
  return {
    seen,
    ended,
    call,
    /** Resolves once `status` has been seen (or after 5 s, for the assertion to say what was). */
    async until(status: string): Promise<string[]> {
      const deadline = Date.now() + 5000;
      while (!seen.includes(status) && Date.now() < deadline)
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      return seen;
    },
  };
}

/** simple, identity_typed, and `slow`: simple holding each request 1.5 s for a batch that never fills. */
function repository(): string {
  const repo = mkdtempSync(join(tmpdir(), 'perch-grpc-health-'));
  for (const name of ['simple', 'identity_typed'])
    cpSync(join(FIXTURE_MODELS, name), join(repo, name), { recursive: true });
  mkdirSync(join(repo, 'slow', '1'), { recursive: true });
  copyFileSync(
    join(FIXTURE_MODELS, 'simple', '1', 'model.onnx'),
    join(repo, 'slow', '1', 'model.onnx'),
  );
  writeFileSync(
    join(repo, 'slow', 'config.json'),
    JSON.stringify({
      max_batch_size: 8,
      dynamic_batching: { max_queue_delay_microseconds: 1_500_000 },
    }),
  );
  return repo;
}

/** grpc.health.v1: Check, Watch and List through model transitions (explicit mode). */
describe('gRPC health through transitions', () => {
  let server: GrpcApp;
  let client: GrpcTestClient;
  let repo: string;
  beforeAll(async () => {
    repo = repository();
    server = await startGrpcApp({
      MODEL_REPOSITORY: repo,
      MODEL_CONTROL_MODE: 'explicit',
      STARTUP_MODELS: 'simple',
      ADMIN_TOKEN: 'grpc-health-admin-token-0123',
    });
    client = new GrpcTestClient(server.target);
  });
  afterAll(async () => {
    client.close();
    expect(await server.app.close()).toBe(0);
    rmSync(repo, { recursive: true, force: true });
  });

  it('Check: the server ("") and a loaded model are SERVING, an unknown name NOT_FOUND', async () => {
    expect(await client.call('Check', { service: '' }, metadata(), HEALTH)).toMatchObject({
      value: { status: 'SERVING' },
    });
    expect(await client.call('Check', { service: 'simple' }, metadata(), HEALTH)).toMatchObject({
      value: { status: 'SERVING' },
    });
    expect(await client.call('Check', { service: 'nope' }, metadata(), HEALTH)).toMatchObject({
      ok: false,
      code: grpc.status.NOT_FOUND,
      details: "unknown service 'nope'",
    });
  });

  it('Watch follows a model: SERVING, NOT_SERVING once unloaded, SERVING once loaded again', async () => {
    const watch = watching(client, 'simple');
    expect(await watch.until('SERVING')).toEqual(['SERVING']);
    expect(
      await client.call('RepositoryModelUnload', { model_name: 'simple' }, ADMIN),
    ).toMatchObject({ ok: true });
    expect(await watch.until('NOT_SERVING')).toEqual(['SERVING', 'NOT_SERVING']);
    expect(await client.call('Check', { service: 'simple' }, metadata(), HEALTH)).toMatchObject({
      value: { status: 'NOT_SERVING' },
    });
    expect(await client.call('RepositoryModelLoad', { model_name: 'simple' }, ADMIN)).toMatchObject(
      { ok: true },
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(await watch.until('SERVING')).toEqual(['SERVING', 'NOT_SERVING', 'SERVING']);
    watch.call.cancel();
    expect(await watch.ended).toMatchObject({ code: grpc.status.CANCELLED });
  });

  it('Watch on a model never loaded says SERVICE_UNKNOWN, then SERVING once it loads', async () => {
    const watch = watching(client, 'identity_typed');
    expect(await watch.until('SERVICE_UNKNOWN')).toEqual(['SERVICE_UNKNOWN']);
    expect(
      await client.call('RepositoryModelLoad', { model_name: 'identity_typed' }, ADMIN),
    ).toMatchObject({ ok: true });
    // LOADING is not serving yet: the model is known from then on.
    expect(await watch.until('SERVING')).toEqual(['SERVICE_UNKNOWN', 'NOT_SERVING', 'SERVING']);
    watch.call.cancel();
  });

  it('List gives the server and every model known', async () => {
    const list = await client.call<{ statuses: Record<string, { status: string }> }>(
      'List',
      {},
      metadata(),
      HEALTH,
    );
    expect(list.ok && list.value.statuses).toEqual({
      '': { status: 'SERVING' },
      identity_typed: { status: 'SERVING' },
      simple: { status: 'SERVING' },
    });
  });
});

/**
 * SIGTERM: readiness turns false at once (Check and Watch say NOT_SERVING), calls are served
 * through SHUTDOWN_DELAY_SECONDS, then the port stops taking calls while those in flight finish,
 * open streams answer what they took and end UNAVAILABLE, and the process exits 0.
 */
describe('gRPC drain on SIGTERM', () => {
  it('tells watchers NOT_SERVING, serves through the delay, finishes in-flight calls and streams, exits 0', async () => {
    const repo = repository();
    const server = await startGrpcApp({
      MODEL_REPOSITORY: repo,
      SHUTDOWN_DELAY_SECONDS: '1',
      SHUTDOWN_TIMEOUT_SECONDS: '10',
    });
    const client = new GrpcTestClient(server.target);
    try {
      const watch = watching(client, '');
      expect(await watch.until('SERVING')).toEqual(['SERVING']);
      const stream = client.stream();
      const answers: StreamAnswer[] = [];
      stream.on('data', (a: StreamAnswer) => answers.push(a));
      const streamEnded = streamStatus(stream);
      const exited = server.app.exited();

      server.app.signal('SIGTERM');
      const signalledAt = Date.now();
      expect(await watch.until('NOT_SERVING')).toEqual(['SERVING', 'NOT_SERVING']);
      expect(await client.call('Check', { service: '' }, metadata(), HEALTH)).toMatchObject({
        value: { status: 'NOT_SERVING' },
      });
      expect(await client.call('ServerReady', {})).toMatchObject({ value: { ready: false } });
      // Still serving during the delay: new calls, and new requests on an open stream.
      expect(await client.call('ModelInfer', simpleTyped(ones(16), ones(16)))).toMatchObject({
        ok: true,
      });
      stream.write({ ...simpleTyped(ones(16), ones(16)), id: 'during-delay' });
      // `slow` holds these 1.5 s: still in flight when the port closes, 1 s after SIGTERM.
      const slow = { ...simpleTyped(ones(16, 4), ones(16)), model_name: 'slow' };
      const inFlight = client.call<InferAnswer>('ModelInfer', slow);
      stream.write({ ...slow, id: 'in-flight' });
      expect(Date.now() - signalledAt).toBeLessThan(800);

      expect(await inFlight).toMatchObject({ ok: true, value: { model_name: 'slow' } });
      expect(await streamEnded).toMatchObject({
        code: grpc.status.UNAVAILABLE,
        details: 'the server is shutting down',
      });
      expect(answers.map((a) => [a.infer_response?.id, a.error_message]).sort()).toEqual([
        ['during-delay', ''],
        ['in-flight', ''],
      ]);
      expect(await watch.ended).toMatchObject({ code: grpc.status.UNAVAILABLE });
      expect(await exited).toBe(0);
      expect(server.app.output()).toContain(
        'drained: listeners closed, in-flight requests answered',
      );
      const after = await client.call('ServerLive', {}, metadata(), { deadlineMs: 2000 });
      expect(after).toMatchObject({ ok: false, code: grpc.status.UNAVAILABLE });
    } finally {
      client.close();
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
