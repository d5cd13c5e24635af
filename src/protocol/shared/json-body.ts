import { InvalidInputError } from '../../common/errors/serving.errors';
import { nestsDeeperThan } from '../../common/validation/json-depth';
import { MAX_ENVELOPE_DEPTH } from '../../common/validation/json-structure';

/**
 * Parses a raw request body as JSON, whatever Content-Type said (Triton's Python client sends
 * none). Malformed or empty bodies are InvalidInputError with the parser's position; a body
 * nesting deeper than MAX_ENVELOPE_DEPTH is refused before it is parsed at all.
 */
export function parseJsonBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new InvalidInputError('request body is empty; expected JSON');
  if (nestsDeeperThan(body, MAX_ENVELOPE_DEPTH))
    throw new InvalidInputError(`body is nested deeper than ${MAX_ENVELOPE_DEPTH} levels`);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new InvalidInputError(`malformed JSON in request body: ${(e as Error).message}`);
  }
}
