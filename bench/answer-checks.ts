import type { IncomingHttpHeaders } from 'node:http';

/** One answer as the check request received it. */
export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What is wrong with an answer, or undefined when it is right. */
export type AnswerCheck = (reply: Reply) => string | undefined;

/** Runtimes differ (float32 vs float64 sums, BLAS order) by far less than this. */
const TOLERANCE = 1e-4;

/** Non-200: the status and the start of the body, which is what the report shows. */
export function httpError(r: Reply): string | undefined {
  if (r.status === 200) return undefined;
  return `HTTP ${r.status}: ${r.body.subarray(0, 160).toString().replace(/\s+/g, ' ')}`;
}

/** The first row of a V2 answer's first output equals `ref`; `binary`: sent as binary data. */
export function expectV2(ref: readonly number[], binary: boolean): AnswerCheck {
  return (r) => httpError(r) ?? compare(firstOutput(r, binary), ref, TOLERANCE);
}

/** The first V1 prediction equals `ref`. */
export function expectV1(ref: readonly number[]): AnswerCheck {
  return (r) => {
    const predictions = (parse(r.body) as { predictions?: number[][] }).predictions;
    return httpError(r) ?? compare(predictions?.[0], ref, TOLERANCE);
  };
}

/** A V2 answer holding one number, `sum`, to 0.1% (float32 accumulation over a million values). */
export function expectSum(sum: number, binary: boolean): AnswerCheck {
  return (r) => httpError(r) ?? compare(firstOutput(r, binary), [sum], 1e-3 * Math.abs(sum));
}

interface V2Output {
  datatype?: string;
  data?: number[];
  parameters?: { binary_data_size?: number };
}

/** The first output's values: JSON `data`, or its bytes after the JSON header (binary extension). */
function firstOutput(r: Reply, binary: boolean): number[] | string {
  if (!binary) {
    const out = (parse(r.body) as { outputs?: V2Output[] }).outputs?.[0];
    return out?.data ?? 'answer has no JSON output data';
  }
  const headerLength = Number(r.headers['inference-header-content-length']);
  if (!Number.isInteger(headerLength)) {
    return 'answer is not binary (no Inference-Header-Content-Length)';
  }
  const head = parse(r.body.subarray(0, headerLength)) as { outputs?: V2Output[] };
  const size = head.outputs?.[0]?.parameters?.binary_data_size;
  if (size === undefined) return 'first output has no binary_data_size';
  const raw = new Uint8Array(r.body.subarray(headerLength, headerLength + size));
  // INT32 for the example `simple` model (npm run soak); every other model here answers FP32.
  const View = head.outputs?.[0]?.datatype === 'INT32' ? Int32Array : Float32Array;
  return Array.from(new View(raw.buffer, 0, raw.byteLength >> 2));
}

function compare(
  got: ArrayLike<number> | string | undefined,
  ref: readonly number[],
  tolerance: number,
): string | undefined {
  if (typeof got === 'string') return got;
  if (!got || got.length < ref.length) {
    return `expected at least ${ref.length} values, got ${got?.length ?? 'none'}`;
  }
  const worst = ref.reduce((m, v, i) => Math.max(m, Math.abs(Number(got[i]) - v)), 0);
  return worst <= tolerance ? undefined : `answer differs from the reference by ${worst}`;
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString());
  } catch {
    return {};
  }
}
