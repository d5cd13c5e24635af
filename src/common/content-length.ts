/** A Content-Length header value as a byte count; 0 when absent or not a non-negative integer. */
export function contentLength(header: unknown): number {
  const n = Number(Array.isArray(header) ? header[0] : header);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}
