import type { ResponseObject } from '@nestjs/swagger';
import { ref } from './protocol.schemas';

/** What each error status means on Perch's routes; every one of them answers `{"error"}`. */
export const ERROR_MEANINGS = {
  400: 'Bad input: the message names the field, the expected and the actual value.',
  401: 'API_KEYS is set and the request carries no valid key (WWW-Authenticate says how).',
  403: 'The admin token is not valid.',
  404: 'Unknown model, version or route; or the feature is off.',
  413: 'The body is larger than MAX_REQUEST_BYTES (counted after decompression).',
  415: 'A Content-Encoding other than gzip, deflate or br.',
  429: 'The model queue or in-flight cap is full, or the client is over RATE_LIMIT_RPS (Retry-After).',
  503: 'The model exists but is not READY, or the request waited in the queue past its timeout.',
} as const;

export type ErrorStatus = keyof typeof ERROR_MEANINGS;

/** The statuses an inference route can answer besides 200. */
export const INFER_ERRORS: readonly ErrorStatus[] = [400, 401, 404, 413, 415, 429, 503];

/** One `{"error"}` response object. */
export function errorResponse(status: ErrorStatus): ResponseObject {
  return {
    description: ERROR_MEANINGS[status],
    content: { 'application/json': { schema: ref('Error') } },
  };
}
