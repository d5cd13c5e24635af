/**
 * `npm run bench:handoff` (issue #12): what handing a run to another thread costs on this
 * machine, against running it on the event loop, to choose the runtime's handoff by measurement.
 * Four candidates, each measured in alternation over ROUNDS rounds:
 * - an empty round trip to a thread that sleeps in its event loop (postMessage both ways);
 * - the same to a thread that sleeps in Atomics.wait and drains its port synchronously;
 * - the mlp model (64→256→256→10, batch 1) run on the event loop (onnxruntime-node in-process);
 * - the same run through Perch's SessionPool (one pool thread, postMessage, one message per turn).
 * Reports the median and p99 in µs of one request at a time (a thread that has gone to sleep
 * between requests, as at low traffic), and the throughput of 64 at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { Tensor } from '../src/common/tensor/tensor';
import { createOnnxSession } from '../src/inference/runtime/onnx-model-runner';
import { SessionPool } from '../src/inference/runtime/pool/session-pool';
import { ROOT } from './settings';
import { percentile } from './stats';

const ROUNDS = 5;
const SEQUENTIAL = 400;
const CONCURRENT = 64;
const BURSTS = 50;
const SETTINGS = { intraOpThreads: 1, allowSpinning: false };

type Call = () => Promise<unknown>;

interface Candidate {
  readonly name: string;
  readonly call: Call;
  readonly stop: () => Promise<unknown>;
}

const mlpInput = (): Tensor[] => [
  { name: 'input', datatype: 'FP32', shape: [1, 64], data: new Float32Array(64).fill(0.5) },
];

function echoThread(file: string, atomics: boolean): Candidate {
  let next = 0;
  const pending = new Map<number, () => void>();
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(join(__dirname, 'handoff', file), {
    workerData: atomics ? { signal, port: port2 } : undefined,
    transferList: atomics ? [port2] : [],
  });
  worker.on('message', (id: number) => {
    pending.get(id)?.();
    pending.delete(id);
  });
  return {
    name: atomics ? 'empty round trip, Atomics.wait thread' : 'empty round trip, event-loop thread',
    call: () =>
      new Promise<void>((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        if (!atomics) return worker.postMessage(id);
        port1.postMessage(id);
        Atomics.add(flag, 0, 1);
        Atomics.notify(flag, 0);
      }),
    stop: async () => {
      if (atomics) {
        port1.postMessage('stop');
        Atomics.add(flag, 0, 1);
        Atomics.notify(flag, 0);
      }
      await worker.terminate();
    },
  };
}

async function measure(c: Candidate): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t = process.hrtime.bigint();
    await c.call();
    latencies.push(Number(process.hrtime.bigint() - t) / 1000);
    // Let the other thread go back to sleep now and then, as between requests at low traffic.
    if (i % 8 === 0) await new Promise((r) => setTimeout(r, 1));
  }
  const started = performance.now();
  for (let b = 0; b < BURSTS; b++) await Promise.all(Array.from({ length: CONCURRENT }, c.call));
  const perSecond = (BURSTS * CONCURRENT) / ((performance.now() - started) / 1000);
  return { latencies, perSecond };
}

async function main(): Promise<void> {
  const model = readFileSync(join(ROOT, 'models', 'mlp', '1', 'model.onnx'));
  const inline = await createOnnxSession(model, SETTINGS);
  const pool = new SessionPool(1);
  const pooled = await pool.load(model, SETTINGS, 1);
  const candidates: Candidate[] = [
    echoThread('echo-worker.js', false),
    echoThread('atomics-worker.js', true),
    {
      name: 'mlp b1 on the event loop',
      call: () => inline.run(mlpInput(), ['probabilities']),
      stop: () => inline.dispose(),
    },
    {
      name: 'mlp b1 on a pool thread',
      call: () => pooled.run(mlpInput(), ['probabilities']),
      stop: () => pool.close(),
    },
  ];
  const results = new Map<string, { latencies: number[]; rates: number[] }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of candidates) {
      const m = await measure(c);
      const r = results.get(c.name) ?? { latencies: [], rates: [] };
      r.latencies.push(...m.latencies);
      r.rates.push(m.perSecond);
      results.set(c.name, r);
    }
  }
  await Promise.all(candidates.map((c) => c.stop()));
  console.log(
    `| candidate | one at a time: p50 µs | p99 µs | ${CONCURRENT} at once: per second (median of ${ROUNDS} rounds) |`,
  );
  console.log('|---|---|---|---|');
  for (const [name, r] of results) {
    const rates = [...r.rates].sort((a, b) => a - b);
    console.log(
      `| ${name} | ${q(r.latencies, 0.5)} | ${q(r.latencies, 0.99)} | ${Math.round(rates[Math.floor(rates.length / 2)]).toLocaleString('en-US')} |`,
    );
  }
}

function q(values: readonly number[], at: number): string {
  return percentile(
    [...values].sort((a, b) => a - b),
    at,
  ).toFixed(1);
}

main().catch((e: unknown) => {
  console.error(`bench:handoff failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
