/**
 * One measurement of what parsing and decoding a JSON body costs in memory, run in a fresh process
 * by bench/memory.ts (argv: `v2` or `v1` for the parse-everything path (V1: parse + decode), `v2-large` for the decode
 * thread's V2 path; body MB): peak RSS growth ÷ body bytes, the figure behind JSON_PARSE_WEIGHT
 * (src/http/body-budget.ts). Prints one JSON line.
 */
import { ModelSignature } from '../src/registry/model-config';
import { parseJsonBody } from '../src/protocol/shared/json-body';
import { decodeV1Predict } from '../src/protocol/v1/v1-json.codec';
import { decodeV2InferRequest } from '../src/protocol/v2/codecs/v2-json.codec';
import { decodeLargeV2Request } from '../src/protocol/v2/codecs/v2-json-spans.codec';

/**
 * A body of `mb` MB of tiny rows: four-feature rows as iris takes them; `extra` joins a V2 body.
 * Written row by row into one buffer, so that building it does not raise the peak RSS the parse
 * cost is measured against.
 */
export function tinyRowsBody(protocol: string, mb: number, extra = ''): Buffer {
  const row = Buffer.from('[5.1,3.5,1.4,0.2]');
  const rows = Math.floor((mb * 1e6) / (row.length + 1));
  const head = Buffer.from(
    protocol === 'v1'
      ? '{"instances":['
      : `{"inputs":[{"name":"input","shape":[${rows},4],"datatype":"FP32","data":[`,
  );
  const tail = Buffer.from(protocol === 'v1' ? ']}' : `]}]${extra ? `,${extra}` : ''}}`);
  const body = Buffer.allocUnsafe(head.length + rows * (row.length + 1) - 1 + tail.length);
  let at = head.copy(body, 0);
  for (let r = 0; r < rows; r++) {
    if (r > 0) body[at++] = 0x2c;
    at += row.copy(body, at);
  }
  tail.copy(body, at);
  return body;
}

/** iris taking millions of rows in one run, as bench/memory-bodies.ts configures it. */
const IRIS_BIG: ModelSignature = {
  maxBatchSize: 4_000_000,
  inputs: [{ name: 'input', datatype: 'FP32', dims: [4] }],
  outputs: [],
};

function main(): void {
  const [protocol = 'v2', mbText = '60'] = process.argv.slice(2);
  const body = tinyRowsBody(protocol === 'v1' ? 'v1' : 'v2', Number(mbText));
  global.gc?.();
  const before = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  if (protocol === 'v2-large') decodeLargeV2Request(body);
  else if (protocol === 'v2') decodeV2InferRequest(parseJsonBody(body));
  else decodeV1Predict('iris_big', IRIS_BIG, parseJsonBody(body));
  const ms = performance.now() - started;
  const peak = process.resourceUsage().maxRSS * 1024;
  const weight = (peak - before) / body.length;
  console.log(
    JSON.stringify({ protocol, bytes: body.length, ms, peakGrowth: peak - before, weight }),
  );
}

if (require.main === module) main();
