/**
 * Baseline (a): the floor for a Node model server. node:http and onnxruntime-node, no framework,
 * no batching, no validation beyond what the answer needs: one session.run per request, on the
 * main thread. Speaks the V2 JSON infer and V1 predict shapes the bench sends (FP32 inputs).
 *
 * Env: MODEL_REPOSITORY (loads <name>/1/model.onnx for every folder), PORT (0: any), HOST.
 */
import { readdirSync } from 'node:fs';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';

interface V2Input {
  name: string;
  shape: number[];
  data: unknown[];
}

const MAX_BODY = 64 * 1024 * 1024;
const sessions = new Map<string, ort.InferenceSession>();

async function main(): Promise<void> {
  const repository = process.env.MODEL_REPOSITORY ?? './models';
  for (const name of readdirSync(repository)) {
    // The same session options as Perch's defaults (onnx-model-runner.ts): one thread per run,
    // no spinning, so the baseline is onnxruntime at its best on these cores, not its defaults.
    const session = await ort.InferenceSession.create(join(repository, name, '1', 'model.onnx'), {
      logSeverityLevel: 4,
      executionMode: 'sequential',
      interOpNumThreads: 1,
      intraOpNumThreads: 1,
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
    sessions.set(name, session);
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, { error: String(e) }));
  });
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    console.log(
      `node-http listening on http://127.0.0.1:${port} (${[...sessions.keys()].join(', ')})`,
    );
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  if (req.method === 'GET' && (url === '/health/live' || url === '/v2/health/live')) {
    return send(res, 200, { live: true });
  }
  const v2 = /^\/v2\/models\/([^/]+)\/infer$/.exec(url);
  const v1 = /^\/v1\/models\/([^/:]+):predict$/.exec(url);
  const session = sessions.get((v2 ?? v1)?.[1] ?? '');
  if (req.method !== 'POST' || !session) return send(res, 404, { error: 'not found' });
  const body = JSON.parse((await readBody(req)).toString()) as {
    inputs?: V2Input[];
    instances?: number[][];
  };
  if (v2) {
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of body.inputs ?? []) {
      feeds[input.name] = new ort.Tensor(
        'float32',
        Float32Array.from(input.data.flat(32) as number[]),
        input.shape,
      );
    }
    const result = await session.run(feeds);
    const outputs = session.outputNames.map((name) => ({
      name,
      datatype: 'FP32',
      shape: result[name].dims,
      data: Array.from(result[name].data as Float32Array),
    }));
    return send(res, 200, { model_name: v2[1], model_version: '1', outputs });
  }
  const rows = body.instances ?? [];
  const width = rows[0]?.length ?? 0;
  const x = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, width]);
  const out = (await session.run({ [session.inputNames[0]]: x }))[session.outputNames[0]];
  const values = Array.from(out.data as Float32Array);
  const size = values.length / rows.length;
  const predictions = rows.map((_, i) => values.slice(i * size, (i + 1) * size));
  return send(res, 200, { predictions });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: object): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
  res.end(bytes);
}

main().catch((e: unknown) => {
  console.error(`node-http baseline failed to start: ${String(e)}`);
  process.exit(1);
});
