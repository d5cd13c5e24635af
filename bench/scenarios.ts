import { PayloadId } from './payloads';
import { Adapter } from './settings';

export type TargetId =
  | 'perch-express'
  | 'perch-fastify'
  | 'node-http'
  | 'flask'
  | 'floor-express'
  | 'floor-fastify'
  | 'perch-grpc';

export const TARGET_LABELS: Readonly<Record<TargetId, string>> = {
  'perch-express': 'Perch (express)',
  'perch-fastify': 'Perch (fastify)',
  'node-http': 'node:http + ORT',
  flask: 'Flask + gunicorn',
  'floor-express': 'NestJS floor (express)',
  'floor-fastify': 'NestJS floor (fastify)',
  'perch-grpc': 'Perch (gRPC)',
};

/** One measurement: a server, a request, a number of connections. */
export interface Case {
  readonly target: TargetId;
  readonly payload: PayloadId;
  readonly connections: number;
  /** Probe /health/live while this case runs. */
  readonly probe?: boolean;
}

/** A ratio column: the case whose rows/s is divided by each row's, or undefined where it means nothing. */
export interface RatioColumn {
  readonly label: string;
  numerator(row: Case): Case | undefined;
}

/** One table of the report. */
export interface Group {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly cases: readonly Case[];
  readonly ratios: readonly RatioColumn[];
}

export function caseKey(c: Case): string {
  return `${c.target}|${c.payload}|${c.connections}`;
}

export const perch = (a: Adapter): TargetId => `perch-${a}`;
const floor = (a: Adapter): TargetId => `floor-${a}`;
const CONNECTIONS = [1, 16, 64];
const BINARY: Partial<Record<PayloadId, PayloadId>> = {
  'mlp-json-1': 'mlp-bin-1',
  'mlp-json-32': 'mlp-bin-32',
};

/** Every case against every target for each connection count, in that order. */
function matrix(
  payload: PayloadId,
  targets: TargetId[],
  connections: number[],
  probe = false,
): Case[] {
  return connections.flatMap((n) =>
    targets.map((target) => ({ target, payload, connections: n, probe })),
  );
}

/** "Perch (a) ÷ this row", same request and connections. */
function versusPerch(adapters: readonly Adapter[], payload?: PayloadId): RatioColumn[] {
  return adapters.map((a) => ({
    label: `Perch ${a}${payload ? ` ${payload.endsWith('bin') ? 'binary' : 'JSON'}` : ''} ÷`,
    numerator: (row) => ({
      target: perch(a),
      payload: payload ?? row.payload,
      connections: row.connections,
    }),
  }));
}

/** The scenarios of issue 4 §6, for the adapters being measured. */
export function buildGroups(adapters: readonly Adapter[]): Group[] {
  const perchTargets = adapters.map(perch);
  const peers: TargetId[] = [...perchTargets, 'node-http', 'flask'];
  return [
    {
      id: 'mlp-b1',
      title: 'MLP (64→256→256→10), V2 JSON, batch 1',
      note: 'The framework floors answer a constant after parsing the same body: the ceiling of each adapter.',
      cases: matrix('mlp-json-1', [...peers, ...adapters.map(floor)], CONNECTIONS),
      ratios: versusPerch(adapters),
    },
    {
      id: 'mlp-b32',
      title: 'MLP, V2 JSON, batch 32',
      note: 'rows/s = 32 × req/s.',
      cases: matrix('mlp-json-32', peers, CONNECTIONS),
      ratios: versusPerch(adapters),
    },
    {
      id: 'binary',
      title: 'MLP, V2 binary tensor extension vs JSON (Perch)',
      note: 'Binary: `Inference-Header-Content-Length`, `binary_data_size` input, `binary_data_output: true`.',
      cases: adapters.flatMap((a) =>
        (['mlp-json-1', 'mlp-json-32'] as const).flatMap((p) =>
          CONNECTIONS.flatMap((n) =>
            [p, BINARY[p] ?? p].map((payload) => ({ target: perch(a), payload, connections: n })),
          ),
        ),
      ),
      ratios: adapters.map((a) => ({
        label: `${a}: binary ÷ JSON`,
        numerator: (row) => {
          const bin = BINARY[row.payload];
          return row.target === perch(a) && bin ? { ...row, payload: bin } : undefined;
        },
      })),
    },
    {
      id: 'v1',
      title: 'MLP, KServe V1 predict, batch 1',
      note: '`{"instances": [[…64 floats]]}`.',
      cases: matrix('mlp-v1-1', peers, [1, 64]),
      ratios: versusPerch(adapters),
    },
    {
      id: 'tensor',
      title: 'One 4 MiB FP32 tensor (1,048,576 floats → ReduceSum)',
      note: 'JSON + gzip: the JSON body compressed, sent with `Content-Encoding: gzip`. A row is one tensor.',
      cases: [1, 4].flatMap((n) => [
        ...perchTargets.flatMap((target) =>
          (['tensor-json', 'tensor-bin', 'tensor-json-gzip'] as const).map((payload) => ({
            target,
            payload,
            connections: n,
          })),
        ),
        { target: 'node-http' as const, payload: 'tensor-json' as const, connections: n },
      ]),
      ratios: [...versusPerch(adapters, 'tensor-bin'), ...versusPerch(adapters, 'tensor-json')],
    },
    grpcGroup(adapters),
    {
      id: 'threading',
      title: "Perch's ONNX Runtime threading vs ORT's defaults, batch 1, 64 connections",
      note:
        "Perch's default: one thread per run, no spinning. ORT's default (models `mlp_ort`, " +
        '`mlp_large_ort`: `intra_op_thread_count` 2, `allow_spinning` true): two threads per ' +
        'session that spin after each run. Same weights, same requests.',
      cases: adapters.flatMap((a) =>
        (['mlp-json-1', 'mlp-json-1-ort', 'large-json-1', 'large-json-1-ort'] as const).map(
          (payload) => ({ target: perch(a), payload, connections: 64 }),
        ),
      ),
      ratios: adapters.map((a) => ({
        label: `${a}: Perch threading ÷ ORT's`,
        numerator: (row) =>
          row.target === perch(a) && row.payload.endsWith('-ort')
            ? { ...row, payload: row.payload.replace(/-ort$/, '') as PayloadId }
            : undefined,
      })),
    },
    {
      id: 'large',
      title: 'MLP-large (512→1024→1024→10), V2 JSON, batch 1, 64 connections',
      note: 'With /health/live probed alongside (its own table below).',
      cases: matrix('large-json-1', peers, [64], true),
      ratios: versusPerch(adapters),
    },
  ];
}

const GRPC_OF: Partial<Record<PayloadId, { raw: PayloadId; typed: PayloadId }>> = {
  'mlp-json-1': { raw: 'mlp-grpc-raw-1', typed: 'mlp-grpc-typed-1' },
  'mlp-json-32': { raw: 'mlp-grpc-raw-32', typed: 'mlp-grpc-typed-32' },
  'mlp-bin-1': { raw: 'mlp-grpc-raw-1', typed: 'mlp-grpc-typed-1' },
  'mlp-bin-32': { raw: 'mlp-grpc-raw-32', typed: 'mlp-grpc-typed-32' },
};

/**
 * gRPC beside REST (issue 13; `BENCH_GROUPS=grpc`): the MLP at batch 1 and 32 over ModelInfer,
 * raw and typed, next to the same requests over V2 JSON and binary on each adapter. The gRPC load
 * generator is @grpc/grpc-js in worker threads (grpc-load.ts), REST's is wrk.
 */
function grpcGroup(adapters: readonly Adapter[]): Group {
  const rest = adapters.map(perch);
  return {
    id: 'grpc',
    title: 'MLP over gRPC (ModelInfer, raw and typed contents) beside REST, batch 1 and 32',
    note:
      'gRPC: one HTTP/2 connection per caller, @grpc/grpc-js in BENCH_GRPC_THREADS worker threads (default 1, as wrk -t1); REST: wrk. ' +
      'Raw: raw_input_contents/raw_output_contents (Triton clients); typed: fp32_contents.',
    cases: ([1, 32] as const).flatMap((batch) =>
      CONNECTIONS.flatMap((n): Case[] => [
        ...rest.flatMap((target) =>
          ([`mlp-json-${batch}`, `mlp-bin-${batch}`] as const).map((payload) => ({
            target,
            payload,
            connections: n,
          })),
        ),
        { target: 'perch-grpc', payload: `mlp-grpc-raw-${batch}`, connections: n },
        { target: 'perch-grpc', payload: `mlp-grpc-typed-${batch}`, connections: n },
      ]),
    ),
    ratios: (['raw', 'typed'] as const).map((kind) => ({
      label: `gRPC ${kind} ÷`,
      numerator: (row) => {
        const payload = GRPC_OF[row.payload]?.[kind];
        return row.target === 'perch-grpc' || !payload
          ? undefined
          : { target: 'perch-grpc', payload, connections: row.connections };
      },
    })),
  };
}
