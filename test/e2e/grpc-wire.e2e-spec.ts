import { gunzipSync, gzipSync } from 'node:zlib';
import { GrpcTestClient, InferAnswer, grpc, metadata, methodCodec } from '../helpers/grpc-client';
import {
  GRPC_LIMIT as LIMIT,
  SERVICE,
  ones,
  range16,
  simpleTyped,
  useGrpcServer,
} from '../helpers/grpc-fixtures';
import { frame, rawGrpcCall } from '../helpers/raw-grpc';
import { call, waitForOutput } from '../helpers/test-app';

/** What only the wire shows: compressed flags, deadlines, the logs and metrics a call leaves. */
describe('gRPC: on the wire', () => {
  const t = useGrpcServer();

  describe('compression, deadlines, logs and metrics', () => {
    const infer = methodCodec(SERVICE, 'ModelInfer');

    it('inflates a gzip request and answers gzip, flagged compressed (grpc-encoding: gzip)', async () => {
      const request = infer.requestSerialize(simpleTyped(range16, ones(16), { id: 'gz' }));
      const reply = await rawGrpcCall(
        t.server.target,
        `/${SERVICE}/ModelInfer`,
        frame(gzipSync(request), true),
        {
          'grpc-encoding': 'gzip',
          'grpc-accept-encoding': 'identity,gzip',
        },
      );
      expect(reply.trailers['grpc-status']).toBe('0');
      expect(reply.headers['grpc-encoding']).toBe('gzip');
      expect(reply.messages).toHaveLength(1);
      expect(reply.messages[0].compressed).toBe(true);
      const answer = infer.responseDeserialize(
        gunzipSync(reply.messages[0].payload),
      ) as InferAnswer;
      expect(answer).toMatchObject({
        id: 'gz',
        outputs: [{ contents: { int_contents: range16.map((v) => v + 1) } }, {}],
      });
    });

    it('answers a plain request plainly', async () => {
      const request = infer.requestSerialize(simpleTyped(range16, ones(16)));
      const reply = await rawGrpcCall(t.server.target, `/${SERVICE}/ModelInfer`, frame(request));
      expect(reply.headers['grpc-encoding']).toBeUndefined();
      expect(reply.messages[0].compressed).toBe(false);
    });

    it('a @grpc/grpc-js client with gzip on gets its answers', async () => {
      const gzipClient = new GrpcTestClient(t.server.target, {
        'grpc.default_compression_algorithm': 2,
      });
      try {
        const res = await gzipClient.call<InferAnswer>(
          'ModelInfer',
          simpleTyped(range16, ones(16)),
        );
        expect(res.ok && res.value.outputs[0].contents?.int_contents).toEqual(
          range16.map((v) => v + 1),
        );
      } finally {
        gzipClient.close();
      }
    });

    it('refuses a gzip bomb at MAX_REQUEST_BYTES after inflation (1 MiB here)', async () => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
      const reply = await rawGrpcCall(
        t.server.target,
        `/${SERVICE}/ModelInfer`,
        frame(bomb, true),
        {
          'grpc-encoding': 'gzip',
        },
      );
      expect(reply.trailers['grpc-status']).toBe(String(grpc.status.RESOURCE_EXHAUSTED));
      expect(decodeURIComponent(String(reply.trailers['grpc-message']))).toBe(
        `the request message inflates to more than ${LIMIT} bytes (MAX_REQUEST_BYTES)`,
      );
    });

    it('ends a call past its deadline with DEADLINE_EXCEEDED', async () => {
      const request = {
        model_name: 'tiny_queue',
        inputs: ['INPUT0', 'INPUT1'].map((name) => ({
          name,
          datatype: 'INT32',
          shape: [1, 16],
          contents: { int_contents: ones(16) },
        })),
      };
      const reply = await rawGrpcCall(
        t.server.target,
        `/${SERVICE}/ModelInfer`,
        frame(infer.requestSerialize(request)),
        { 'grpc-timeout': '50m' },
      );
      expect(reply.trailers['grpc-status']).toBe(String(grpc.status.DEADLINE_EXCEEDED));
    });

    it('echoes x-request-id and logs the call with it, the model and version', async () => {
      const res = await t.client.call(
        'ModelInfer',
        simpleTyped(ones(16), ones(16)),
        metadata({ 'x-request-id': 'grpc-req-42' }),
      );
      expect(res.ok && res.headers.get('x-request-id')).toEqual(['grpc-req-42']);
      const output = await waitForOutput(t.server.app, (o) =>
        o.includes('"request_id":"grpc-req-42"'),
      );
      const line = output
        .split('\n')
        .find((l) => l.includes('"request_id":"grpc-req-42"') && l.includes('request completed'));
      expect(JSON.parse(line ?? '{}')).toMatchObject({
        level: 'info',
        request_id: 'grpc-req-42',
        model: 'simple',
        version: '1',
        protocol: 'grpc',
        path: `/${SERVICE}/ModelInfer`,
        grpc_status: 'OK',
        duration_ms: expect.any(Number),
        req_bytes: expect.any(Number),
        res_bytes: expect.any(Number),
        msg: 'request completed',
      });
    });

    it('counts inferences under protocol "grpc", calls by method and status, and statistics', async () => {
      await t.client.call('ModelInfer', simpleTyped(ones(16), ones(16), { model_name: 'nope' }));
      const text = (await call(t.server.app, 'GET', '/metrics')).text;
      expect(text).toMatch(
        /perch_inference_requests_total\{model="simple",version="1",protocol="grpc",outcome="success"\} \d+/,
      );
      expect(text).toMatch(/perch_grpc_requests_total\{method="ModelInfer",code="OK"\} \d+/);
      expect(text).toMatch(/perch_grpc_requests_total\{method="ModelInfer",code="NOT_FOUND"\} \d+/);
      const stats = await t.client.call<{
        model_stats: { name: string; inference_count: string }[];
      }>('ModelStatistics', { name: 'simple' });
      expect(stats.ok && stats.value.model_stats).toHaveLength(1);
      expect(Number(stats.ok && stats.value.model_stats[0].inference_count)).toBeGreaterThan(0);
      const all = await t.client.call<{ model_stats: { name: string }[] }>('ModelStatistics', {});
      expect(all.ok && all.value.model_stats.map((s) => s.name)).toEqual(
        expect.arrayContaining(['simple', 'identity_typed', 'iris', 'versioned']),
      );
    });
  });
});
