/** The most characters of one client-supplied name or value an error message quotes. */
export const MAX_QUOTED_CHARS = 64;

/**
 * Client-supplied text (a name, a key, a datatype, a path) as an error message may quote it: at
 * most `max` characters, and past that cut, marked and its length given. Every message that
 * echoes what a client sent goes through here, so no answer or log line grows with the request
 * (a 50 MB input name once came back as a 50 MB answer and a 50 MB log line). Anything but a
 * string is named by its kind, never stringified whole.
 */
export function clientText(value: unknown, max = MAX_QUOTED_CHARS): string {
  if (typeof value !== 'string') return kindOf(value);
  if (value.length <= max) return value;
  // Never split a surrogate pair: half of one is not valid text in JSON or a log line.
  const end = isHighSurrogate(value.charCodeAt(max - 1)) ? max - 1 : max;
  return `${value.slice(0, end)}…[${value.length} characters]`;
}

/**
 * The backstop for a whole message: at most `max` characters, cut and marked past that. The
 * exception filter applies it to every answer and log line, whatever built the message.
 */
export function capMessage(message: string, max: number): string {
  return message.length <= max ? message : clientText(message, max);
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
