import { isDataType } from '../../../common/tensor/datatype';
import { TensorData } from '../../../common/tensor/tensor';
import { nestsDeeperThan } from '../../../common/validation/json-depth';
import { MAX_ENVELOPE_DEPTH } from '../../../common/validation/json-structure';
import { parseJsonBody } from '../../shared/json-body';
import { decodeJsonData } from '../../shared/json-data.codec';
import { findDataSpans, Span } from '../../shared/json-thread/data-spans';
import { numericSpan } from '../../shared/json-thread/numeric-span';
import { ModelTensorCounts } from './v2-envelope.codec';
import { isShape } from './v2-envelope.fast';
import { decodeV2PlainRequest, PlainV2Request } from './v2-json.codec';

/**
 * decodeV2PlainRequest for a large JSON body, at a fraction of its memory: the envelope is parsed
 * with each input's `data` left out, and numeric data is read from the raw text straight into
 * typed arrays. Any data this cannot read (strings, booleans, 64-bit or half floats, a value it
 * would refuse) is parsed and decoded as usual, and a body it cannot take apart is parsed whole,
 * so every body gets the answer decodeV2InferRequest gives it.
 */
export function decodeLargeV2Request(
  json: Buffer,
  binary?: Buffer,
  counts?: ModelTensorCounts,
): PlainV2Request {
  // Too deep (the scanner recurses) or not taken apart: parseJsonBody names the fault.
  const found = nestsDeeperThan(json, MAX_ENVELOPE_DEPTH) ? undefined : findDataSpans(json);
  if (!found) return decodeV2PlainRequest(parseJsonBody(json), binary, counts);
  const envelope = parseJsonBody(found.envelope);
  // Every span is read (or at least parsed) before the envelope is validated, so that malformed
  // JSON anywhere is reported first, as one JSON.parse of the whole body reports it.
  const inputs = isObject(envelope) && Array.isArray(envelope.inputs) ? envelope.inputs : [];
  const read = found.spans.map((span, i) => span && readSpan(json, span, inputs[i]));
  return decodeV2PlainRequest(envelope, binary, counts, (i, what, datatype, shape, data) => {
    const span = read[i];
    if (!span) return decodeJsonData(what, datatype, shape, data);
    return 'typed' in span ? span.typed : decodeJsonData(what, datatype, shape, span.parsed);
  });
}

/** A span's numbers as a typed array when its input's datatype and shape allow, else parsed. */
function readSpan(
  json: Buffer,
  span: Span,
  input: unknown,
): { typed: TensorData } | { parsed: unknown } {
  const { datatype, shape } = isObject(input) ? input : ({} as Record<string, unknown>);
  const typed =
    isDataType(datatype) && isShape(shape) ? numericSpan(json, span, datatype, shape) : undefined;
  return typed ? { typed } : { parsed: parseJsonBody(json.subarray(span.start, span.end)) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
