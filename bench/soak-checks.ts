import { isDeepStrictEqual } from 'node:util';
import { AnswerCheck, Reply, httpError } from './answer-checks';

/** A 200 whose JSON body equals `expected` exactly. */
export function expectJson(expected: unknown): AnswerCheck {
  return (r) => {
    const got = parse(r);
    if (isDeepStrictEqual(got, expected)) return httpError(r);
    return httpError(r) ?? `expected ${JSON.stringify(expected)}, got ${brief(r)}`;
  };
}

/** A 200 whose JSON body has `field` equal to `value` (bodies that also carry varying parts). */
export function expectField(field: string, value: unknown): AnswerCheck {
  return (r) => {
    const got = (parse(r) as Record<string, unknown> | undefined)?.[field];
    if (isDeepStrictEqual(got, value)) return httpError(r);
    return httpError(r) ?? `expected ${field}=${JSON.stringify(value)}, got ${brief(r)}`;
  };
}

/** A V2 JSON answer whose first output holds exactly these strings (class labels). */
export function expectLabels(labels: readonly string[]): AnswerCheck {
  return (r) => {
    const outputs = (parse(r) as { outputs?: { data?: unknown }[] } | undefined)?.outputs;
    if (isDeepStrictEqual(outputs?.[0]?.data, labels)) return httpError(r);
    return httpError(r) ?? `expected labels ${JSON.stringify(labels)}, got ${brief(r)}`;
  };
}

/** A V1 answer whose predictions carry these labels, in order. */
export function expectV1Labels(labels: readonly string[]): AnswerCheck {
  return (r) => {
    const predictions = (parse(r) as { predictions?: { label?: unknown }[] } | undefined)
      ?.predictions;
    if (
      isDeepStrictEqual(
        predictions?.map((p) => p.label),
        labels,
      )
    )
      return httpError(r);
    return httpError(r) ?? `expected labels ${JSON.stringify(labels)}, got ${brief(r)}`;
  };
}

/**
 * A refusal as the V2 error contract states it: exactly `status`, and a JSON body that is
 * `{"error": "<message>"}` and nothing else (no stack, no framework envelope).
 */
export function expectError(status: number): AnswerCheck {
  return (r) => {
    if (r.status !== status) return `expected HTTP ${status}, got ${r.status}: ${brief(r)}`;
    const body = parse(r) as Record<string, unknown> | undefined;
    const keys = body && typeof body === 'object' ? Object.keys(body) : [];
    if (keys.length === 1 && typeof body?.error === 'string' && body.error !== '') return undefined;
    return `expected a {"error"} body with HTTP ${status}, got ${brief(r)}`;
  };
}

function parse(r: Reply): unknown {
  try {
    return JSON.parse(r.body.toString());
  } catch {
    return undefined;
  }
}

/** The start of a body, on one line, for a failure message. */
function brief(r: Reply): string {
  return r.body.subarray(0, 160).toString().replace(/\s+/g, ' ') || '(empty body)';
}
