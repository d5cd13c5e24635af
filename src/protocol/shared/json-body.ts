import { InvalidInputError } from '../../common/errors/serving.errors';

/**
 * Parses a raw request body as JSON, whatever Content-Type said (Triton's Python client sends
 * none). Malformed or empty bodies are InvalidInputError with the parser's position.
 */
export function parseJsonBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new InvalidInputError('request body is empty; expected JSON');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new InvalidInputError(`malformed JSON in request body: ${(e as Error).message}`);
  }
}
