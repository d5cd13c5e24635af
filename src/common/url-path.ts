/**
 * A request URL as a log line or an error message may show it: the path alone. A query string
 * (or fragment) may carry a token, so no line ever keeps one.
 */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}
