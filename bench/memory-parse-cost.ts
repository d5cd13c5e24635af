/**
 * One measurement of what parsing and decoding a JSON body costs in memory, run in a fresh process
 * by bench/memory.ts (argv: `v2` or `v1` for the parse-everything path, `v2-large` for the decode
 * thread's V2 path; body MB): peak RSS growth ÷ body bytes, the figure behind JSON_PARSE_WEIGHT
 * (src/http/body-budget.ts). Prints one JSON line.
 */
import { parseJsonBody } from '../src/protocol/shared/json-body';
import { decodeV2InferRequest } from '../src/protocol/v2/codecs/v2-json.codec';
import { decodeLargeV2Request } from '../src/protocol/v2/codecs/v2-json-spans.codec';

/** A body of `mb` MB of tiny rows: four-feature rows as iris takes them; `extra` joins a V2 body. */
export function tinyRowsBody(protocol: string, mb: number, extra = ''): Buffer {
  const row = '[5.1,3.5,1.4,0.2]';
  const rows = Math.floor((mb * 1e6) / (row.length + 1));
  const data = new Array<string>(rows).fill(row).join(',');
  const text =
    protocol === 'v1'
      ? `{"instances":[${data}]}`
      : `{"inputs":[{"name":"input","shape":[${rows},4],"datatype":"FP32","data":[${data}]}]${extra ? `,${extra}` : ''}}`;
  return Buffer.from(text);
}

function main(): void {
  const [protocol = 'v2', mbText = '60'] = process.argv.slice(2);
  const body = tinyRowsBody(protocol === 'v1' ? 'v1' : 'v2', Number(mbText));
  global.gc?.();
  const before = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  if (protocol === 'v2-large') decodeLargeV2Request(body);
  else {
    const parsed = parseJsonBody(body);
    if (protocol === 'v2') decodeV2InferRequest(parsed);
  }
  const ms = performance.now() - started;
  const peak = process.resourceUsage().maxRSS * 1024;
  const weight = (peak - before) / body.length;
  console.log(
    JSON.stringify({ protocol, bytes: body.length, ms, peakGrowth: peak - before, weight }),
  );
}

if (require.main === module) main();
